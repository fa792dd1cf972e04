/** Longest sample-pattern source accepted. */
export const MAX_PATTERN_LENGTH = 200;
/** Most unbounded quantifiers (`*`, `+`, `{n,}`) a sample pattern may hold. */
export const MAX_UNBOUNDED_QUANTIFIERS = 4;
/** Longest sample name matched against a pattern (FlowJo names are short; a longer one is a row error). */
export const MAX_SAMPLE_NAME_LENGTH = 128;

/**
 * Compiles a manifest's `samplePattern`, or returns why it is refused. JavaScript regular expressions
 * backtrack, and a nested quantifier (`(a+)+`), a quantified alternation (`(a|ab)*`) or a backreference
 * can take exponential time on a crafted name. Those are refused; what remains has star height one and at
 * most MAX_UNBOUNDED_QUANTIFIERS unbounded quantifiers, so a match on a name of at most
 * MAX_SAMPLE_NAME_LENGTH characters costs at most a polynomial of that degree.
 */
export function safeSamplePattern(source: string): RegExp | string {
  if (source.length > MAX_PATTERN_LENGTH)
    return `the pattern has ${source.length} characters; at most ${MAX_PATTERN_LENGTH} are accepted`;
  if (/\\[1-9]|\\k</.test(source)) return "backreferences are not accepted (they can make matching exponential)";
  // Per open group: does its content hold a quantifier or an alternation?
  const stack: { risky: boolean }[] = [];
  let unbounded = 0;
  let inClass = false;
  for (let k = 0; k < source.length; k++) {
    const c = source[k];
    if (c === "\\") {
      k += 1;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(") stack.push({ risky: false });
    else if (c === "|") {
      if (stack.length > 0) stack[stack.length - 1].risky = true;
    } else if (c === ")") {
      const group = stack.pop();
      const next = source[k + 1];
      const quantified = next === "*" || next === "+" || next === "?" || next === "{";
      if (group?.risky && quantified)
        return `the group ending at character ${k + 1} repeats a quantifier or an alternation; write it without nesting`;
      if (group?.risky && stack.length > 0) stack[stack.length - 1].risky = true;
    } else if (c === "*" || c === "+" || c === "{") {
      if (c !== "{" || /^\{\d+,\}/.test(source.slice(k))) unbounded += 1;
      if (stack.length > 0) stack[stack.length - 1].risky = true;
    } else if (c === "?" && stack.length > 0 && source[k - 1] !== "(") stack[stack.length - 1].risky = true;
  }
  if (unbounded > MAX_UNBOUNDED_QUANTIFIERS)
    return `the pattern has ${unbounded} unbounded quantifiers; at most ${MAX_UNBOUNDED_QUANTIFIERS} are accepted`;
  try {
    return new RegExp(source);
  } catch (error) {
    return `not a regular expression: ${(error as Error).message}`;
  }
}
