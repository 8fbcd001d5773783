// Text made safe to place in HTML, in element content or in a quoted attribute: every value the live page renders
// passes through here, so a site id or a failure message can never become markup.
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}
