type Country = [code: string, name: string];

// The home markets first, then the rest by name, as a customer scans the list.
const home: Country[] = [["GB", "United Kingdom"], ["IE", "Ireland"]];
const others: Country[] = [
  ["AT", "Austria"], ["AU", "Australia"], ["BE", "Belgium"], ["CA", "Canada"],
  ["CH", "Switzerland"], ["CZ", "Czechia"], ["DE", "Germany"], ["DK", "Denmark"], ["ES", "Spain"], ["FI", "Finland"],
  ["FR", "France"], ["GR", "Greece"], ["HU", "Hungary"], ["IT", "Italy"], ["LU", "Luxembourg"], ["NL", "Netherlands"],
  ["NO", "Norway"], ["NZ", "New Zealand"], ["PL", "Poland"], ["PT", "Portugal"], ["RO", "Romania"], ["SE", "Sweden"],
  ["US", "United States"],
];

export const countries: Country[] = [...home, ...others.sort((a, b) => a[1].localeCompare(b[1], "en"))];
