/**
 * The domain of one option: a list of allowed values (enumerations such as a method name), or a type
 * ("number", "integer", "boolean", "string", "function", "array" for array-likes, "object") or "any".
 */
export type OptionDomain =
  | readonly (string | number | boolean)[]
  | "number"
  | "integer"
  | "boolean"
  | "string"
  | "function"
  | "array"
  | "object"
  | "any";

/** The options a public function accepts: option name -> domain. */
export type OptionSpec = Readonly<Record<string, OptionDomain>>;

/** An options object with a key the function does not know, or a value outside the key's domain. */
export class UnknownOptionError extends TypeError {
  readonly inputError = true;
  constructor(
    message: string,
    /** The offending option name. */
    readonly key: string,
    /** The valid option names (unknown key) or values (bad value). */
    readonly valid: readonly string[],
  ) {
    super(message);
    this.name = "UnknownOptionError";
  }
}

function describe(domain: OptionDomain): string {
  return Array.isArray(domain) ? domain.map((v) => JSON.stringify(v)).join(", ") : `a value of type ${domain as string}`;
}

function inDomain(value: unknown, domain: OptionDomain): boolean {
  if (Array.isArray(domain)) return domain.includes(value as string | number | boolean);
  switch (domain) {
    case "any":
      return true;
    case "number":
      return typeof value === "number";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "function":
      return typeof value === "function";
    case "array":
      return typeof value === "object" && value !== null && typeof (value as { length?: unknown }).length === "number";
    case "object":
      return typeof value === "object" && value !== null;
  }
  return false;
}

/**
 * Checks an options object of the public function `where` against its spec: every key must be known
 * and every value (other than undefined or null, which mean "use the default") in its domain. Throws
 * UnknownOptionError naming the key and listing the valid keys or values; returns the options.
 * Catches the silent fallbacks of misspelt options ({ REML: false } fitting by REML).
 */
export function checkOptions<T>(where: string, options: T, spec: OptionSpec): T {
  if (options === undefined || options === null) return options;
  if (typeof options !== "object") {
    throw new UnknownOptionError(`${where}: options must be an object, got ${typeof options}`, "", Object.keys(spec));
  }
  const valid = Object.keys(spec);
  for (const [key, value] of Object.entries(options as object)) {
    if (!Object.hasOwn(spec, key)) {
      throw new UnknownOptionError(`${where}: unknown option '${key}'; valid options are ${valid.join(", ")}`, key, valid);
    }
    if (value === undefined || value === null) continue;
    const domain = spec[key];
    if (!inDomain(value, domain)) {
      const values = Array.isArray(domain) ? domain.map(String) : [domain as string];
      throw new UnknownOptionError(`${where}: option ${key} = ${JSON.stringify(value) ?? String(value)} is not valid; use ${describe(domain)}`, key, values);
    }
  }
  return options;
}
