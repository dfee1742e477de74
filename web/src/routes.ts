// The pages of the app, one file each under pages/, loaded only when first shown (each page is its
// own chunk, so the sign-in page does not download the charts). To add a page: write
// pages/MyPage.tsx (`export default function MyPage({ params }: PageProps)`), add a line here, add
// its title and texts to i18n/vi.ts and i18n/en.ts, and an e2e test under tests/e2e/ (docs/web.md).
import type { ComponentType } from "preact";
import type { Role } from "./api/types";
import type { MessageKey } from "./i18n";

export interface PageProps {
  params: Record<string, string>; // ":name" parameters of the path, decoded
}

export interface PageRoute {
  path: string; // "/households/:id"
  load: () => Promise<{ default: ComponentType<PageProps> }>;
  title: MessageKey; // the document title and, with `nav`, the navigation label
  nav?: boolean; // listed in the navigation
  roles?: Role[]; // in the navigation only for these roles (the server checks access anyway)
  public?: boolean; // shown without a session, without the header and navigation
}

export const routes: PageRoute[] = [
  { path: "/signin", load: () => import("./pages/SignIn"), title: "signin.title", public: true },
  { path: "/", load: () => import("./pages/Dashboard"), title: "nav.dashboard", nav: true },
  { path: "/households", load: () => import("./pages/Households"), title: "nav.households", nav: true },
  { path: "/households/:id", load: () => import("./pages/Household"), title: "nav.households" },
  {
    path: "/import",
    load: () => import("./pages/Import"),
    title: "nav.import",
    nav: true,
    roles: ["province_admin", "province_officer", "commune_officer"],
  },
  { path: "/units/:code", load: () => import("./pages/Unit"), title: "nav.unit" },
  { path: "/whatif", load: () => import("./pages/WhatIf"), title: "nav.whatif", nav: true, roles: ["province_admin", "province_officer"] },
  { path: "/reports", load: () => import("./pages/Reports"), title: "nav.reports", nav: true },
  { path: "/audit", load: () => import("./pages/Audit"), title: "nav.audit", nav: true, roles: ["province_admin", "auditor"] },
];
