// The console's pages: a hash route, the module that renders it, and whether it is in the
// navigation bar. The planning, contact and satisfaction pages are added here as their own
// modules; a page exports `render(params) -> Promise<Node>`.

export const ROUTES = [
  { path: /^#?\/?$/, page: () => import("./pages/dashboard.js"), nav: "nav.dashboard", href: "#/" },
  {
    path: /^#\/customers$/,
    page: () => import("./pages/customers.js"),
    nav: "nav.customers",
    href: "#/customers",
  },
  { path: /^#\/customers\/(?<customer>[^/?]+)$/, page: () => import("./pages/customer.js") },
  {
    path: /^#\/planning$/,
    page: () => import("./pages/planning.js"),
    nav: "nav.planning",
    href: "#/planning",
  },
  {
    path: /^#\/sandbox$/,
    page: () => import("./pages/sandbox.js"),
    nav: "nav.sandbox",
    href: "#/sandbox",
  },
  {
    path: /^#\/contact$/,
    page: () => import("./pages/contact.js"),
    nav: "nav.contact",
    href: "#/contact",
  },
  {
    path: /^#\/issues$/,
    page: () => import("./pages/issues.js"),
    nav: "nav.issues",
    href: "#/issues",
  },
  {
    path: /^#\/imports$/,
    page: () => import("./pages/imports.js"),
    nav: "nav.imports",
    href: "#/imports",
  },
];

export function match(hash) {
  const [route, query] = hash.split("?");
  for (const candidate of ROUTES) {
    const found = candidate.path.exec(route);
    if (found) {
      const params = { ...found.groups, ...Object.fromEntries(new URLSearchParams(query || "")) };
      return { route: candidate, params };
    }
  }
  return null;
}
