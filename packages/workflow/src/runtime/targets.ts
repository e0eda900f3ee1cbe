/** Comparing the workflowId a recorded decision event targets with the one the code chose. */

/**
 * Whether the code's target workflowId `code` is the `recorded` one. When the executor was not
 * told the execution's ids, `placeholder` (the workflowId `workflowInfo()` then shows) stands for
 * the unknown real id wherever it occurs in `code`, the same id at each occurrence.
 */
export function sameTarget(code: string, recorded: string, placeholder: string | undefined): boolean {
  if (code === recorded) return true;
  if (placeholder === undefined || placeholder === '' || !code.includes(placeholder)) return false;
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = code.split(placeholder).map(escape);
  const pattern = `${parts[0] ?? ''}(.+)${parts.slice(1).join('\\1')}`;
  return new RegExp(`^${pattern}$`).test(recorded);
}
