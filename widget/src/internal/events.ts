/**
 * Dispatches an event that stays inside the widget: it bubbles to the parent component
 * but does not cross shadow roots into the host page (public events are only fired by
 * <samen-widget>).
 */
export function emitInternal<T>(from: HTMLElement, type: string, detail?: T): void {
  from.dispatchEvent(new CustomEvent<T | undefined>(type, { detail, bubbles: true, composed: false }));
}
