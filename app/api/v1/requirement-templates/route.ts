import { getDb } from "@/db";
import { listRequirementTemplates } from "@/db/queries/catalog";
import { apiHandler } from "@/lib/api/api-handler";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

export const GET = apiHandler(async () => {
  const templates = await listRequirementTemplates(getDb());
  return Response.json({
    templates: templates.map((t) => ({
      id: t.id, code: t.code, category: t.category, label: t.label, priority: t.priority, detailsRequired: t.detailsRequired,
    })),
  });
}, { scope: "catalogue:read" });

// Other methods: 405 with Allow, in the API's error format.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
