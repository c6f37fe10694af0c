/**
 * The `TypeError` every option check throws. `where` names the function or adapter that was called, so the message
 * says both where the mistake is and what to fix.
 */
export function optionError(where: string, problem: string): TypeError {
  return new TypeError(`${where}: ${problem}`);
}
