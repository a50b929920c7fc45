// Every background task the worker runs, by name. Tasks must be idempotent: a job can run more than once.
import type { TaskList } from "graphile-worker";

export const taskList: TaskList = {};
