/**
 * Registers a custom element unless a copy is already registered: shops sometimes load
 * the widget script twice (a tag manager plus the theme), and a second define() throws.
 */
export function define(name: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, ctor);
}
