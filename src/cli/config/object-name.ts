import { UsageError } from '../usage-error.js';

/**
 * The runtime variables an `object` template may use.
 *
 * @example
 * const vars: ObjectVariables = { stream_name: 'deals', source_name: 'PIPEDRIVE', target_name: 'MY_POSTGRES' };
 */
export type ObjectVariables = Record<'stream_name' | 'source_name' | 'target_name', string>;

const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}$/;

/**
 * Renders a Sling `object` template (`pipedrive.{stream_name}`) into the output file's base name. Unknown
 * variables and names that are not plain file names are {@link UsageError}s.
 *
 * @example
 * renderObjectName('pipedrive.{stream_name}', { stream_name: 'deals', source_name: 'PIPEDRIVE', target_name: '' }); // 'pipedrive.deals'
 */
export function renderObjectName(template: string, variables: ObjectVariables): string {
  const name = template.replace(/\{([^{}]*)\}/g, (_, variable: string) => {
    const key = variable.trim().toLowerCase();
    if (key === 'stream_table') return variables.stream_name;
    if (!Object.hasOwn(variables, key)) {
      throw new UsageError(`object "${template}" uses {${variable}}; pipedrive-extract knows {stream_name}, {source_name} and {target_name}.`);
    }
    return variables[key as keyof ObjectVariables];
  });
  if (!SAFE_NAME.test(name) || name.includes('..')) {
    throw new UsageError(`object "${template}" gives "${name}", which is not a plain file name (letters, digits, _ . - only; no folders).`);
  }
  return name;
}
