// Template Parameters without a value (they resolve to ""): asks for them once the template loads,
// remembers the answers per template in VS Code's secret storage (values are often secrets), and
// reloads the template with them; a command edits them later.
import * as vscode from 'vscode';
import type { Emulator } from '../core/emulator';
import { commandIds } from './contributionIds';

const keyOf = (templatePath: string): string => `lambdaWorkbench.parameterOverrides/${templatePath}`;
const SECRET_LIKE = /pass|secret|token|key|credential/i;

/** The values remembered for a template. */
export async function rememberedParameters(secrets: vscode.SecretStorage, templatePath: string): Promise<Record<string, string>> {
  try {
    const raw = await secrets.get(keyOf(templatePath));
    return raw ? (JSON.parse(raw) as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Asks for each named parameter (prefilled with what is remembered); undefined when the user cancels. */
async function askValues(names: readonly string[], known: Readonly<Record<string, string>>): Promise<Record<string, string> | undefined> {
  const values: Record<string, string> = { ...known };
  for (const name of names) {
    const value = await vscode.window.showInputBox({
      title: `Template parameter ${name}`,
      prompt: `Value of ${name} for local runs (remembered for this workspace, like --parameter-overrides ${name}=VALUE)`,
      value: known[name] ?? '',
      password: SECRET_LIKE.test(name),
      ignoreFocusOut: true,
    });
    if (value === undefined) return undefined;
    values[name] = value;
  }
  return values;
}

/** Reloads the engine's template with `values` and remembers them. */
async function apply(context: vscode.ExtensionContext, engine: Emulator, templatePath: string, values: Record<string, string>): Promise<void> {
  await context.secrets.store(keyOf(templatePath), JSON.stringify(values));
  await engine.loadTemplate({ templatePath, watch: true, parameterOverrides: values });
}

/** After a load: offers to give the parameters that have no value (once per session and template). */
export async function offerMissingParameters(context: vscode.ExtensionContext, engine: Emulator, templatePath: string, asked: Set<string>): Promise<void> {
  const missing = engine.template?.project?.missingParameters ?? [];
  if (missing.length === 0 || asked.has(templatePath)) return;
  asked.add(templatePath);
  const choice = await vscode.window.showWarningMessage(
    `Template parameter${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ha${missing.length > 1 ? 've' : 's'} no value, so ${missing.length > 1 ? 'they resolve' : 'it resolves'} to "" locally.`,
    'Set Values',
    'Not Now',
  );
  if (choice !== 'Set Values') return;
  const known = await rememberedParameters(context.secrets, templatePath);
  const values = await askValues(missing, known);
  if (values) await apply(context, engine, templatePath, values);
}

/** The "Set Template Parameter Values" command: edits every Parameter of the template. */
export function registerParameterCommand(context: vscode.ExtensionContext, getEngine: () => Promise<Emulator>): void {
  context.subscriptions.push(vscode.commands.registerCommand(commandIds.setParameterValues, async () => {
    const engine = await getEngine();
    const templatePath = engine.template?.project?.templatePath;
    if (!templatePath) return;
    const known = await rememberedParameters(context.secrets, templatePath);
    const names = [...new Set([...(engine.template?.project?.missingParameters ?? []), ...Object.keys(known)])];
    if (names.length === 0) {
      void vscode.window.showInformationMessage('Every template parameter has a Default; nothing to set.');
      return;
    }
    const values = await askValues(names, known);
    if (values) await apply(context, engine, templatePath, values);
  }));
}
