// Plain `tsc` does not understand .astro files (only `astro check` does), so .ts files that
// re-export components, like the lesson barrel, would not type-check. This wildcard declaration
// is used only where no real .astro type is available.
declare module '*.astro' {
  const component: import('astro/runtime/server/index.js').AstroComponentFactory;
  export default component;
}
