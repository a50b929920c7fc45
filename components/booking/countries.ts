export const countries: [code: string, name: string][] = [
  ["GB", "United Kingdom"], ["IE", "Ireland"], ["AT", "Austria"], ["AU", "Australia"], ["BE", "Belgium"], ["CA", "Canada"],
  ["CH", "Switzerland"], ["CZ", "Czechia"], ["DE", "Germany"], ["DK", "Denmark"], ["ES", "Spain"], ["FI", "Finland"],
  ["FR", "France"], ["GR", "Greece"], ["HU", "Hungary"], ["IT", "Italy"], ["LU", "Luxembourg"], ["NL", "Netherlands"],
  ["NO", "Norway"], ["NZ", "New Zealand"], ["PL", "Poland"], ["PT", "Portugal"], ["RO", "Romania"], ["SE", "Sweden"],
  ["US", "United States"],
];
