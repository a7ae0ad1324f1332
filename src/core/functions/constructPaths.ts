// CDK functions are also addressed by their construct path (`MyStack/MyFunction`): a name that
// cannot be a Lambda function name (it has a slash), mapped to the function it names.

/** What a construct path lookup needs of a registry entry. */
interface Named {
  readonly name: string;
  readonly spec?: { readonly constructPath?: string };
}

/** The function name `name` stands for: a construct path's function, else `name` itself. */
export function nameForConstructPath(entries: readonly Named[], name: string): string {
  if (!name.includes('/') || name.startsWith('arn:')) return name;
  const wanted = name.replace(/\/+$/, '').replace(/\/Resource$/, '');
  return entries.find((e) => e.spec?.constructPath === wanted)?.name ?? name;
}
