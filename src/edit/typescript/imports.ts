import { type ImportDeclaration, SyntaxKind } from "ts-morph";
import { tsString } from "../../render/escape.js";
import type { TsFile } from "./file.js";
import { restyle } from "./style.js";

/**
 * Makes `name` importable from `module`: added to an existing `import { ... } from "module"` in sorted
 * position, or as a new import after the last one.
 */
export function ensureNamedImport(file: TsFile, module: string, name: string): void {
  const imports = file.source
    .getImportDeclarations()
    .filter((declaration) => declaration.getModuleSpecifierValue() === module);
  const imported = imports.some((declaration) =>
    declaration
      .getNamedImports()
      .some((specifier) => (specifier.getAliasNode()?.getText() ?? specifier.getName()) === name),
  );
  if (imported) return;
  const named = imports.find(
    (declaration) => !declaration.isTypeOnly() && declaration.getNamedImports().length > 0,
  );
  if (named) addSpecifier(file, named, name);
  else addImportDeclaration(file, module, name);
}

function addSpecifier(file: TsFile, declaration: ImportDeclaration, name: string): void {
  const specifiers = declaration.getNamedImports();
  const next = specifiers.find((specifier) => compareImportNames(specifier.getName(), name) > 0);
  if (next) file.source.insertText(next.getStart(), `${name}, `);
  else file.source.insertText(specifiers.at(-1)?.getEnd() ?? declaration.getStart(), `, ${name}`);
}

function addImportDeclaration(file: TsFile, module: string, name: string): void {
  const last = file.source.getImportDeclarations().at(-1);
  const statement = restyle(`import { ${name} } from ${tsString(module)};`, file.style, "");
  if (last) file.source.insertText(last.getEnd(), `\n${statement}`);
  else file.source.insertText(0, `${statement}\n`);
}

/** The order Biome sorts named imports in: case-insensitive, and upper case first where only case differs. */
export function compareImportNames(a: string, b: string): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const x = a.charAt(index);
    const y = b.charAt(index);
    if (x === y) continue;
    const [lowerX, lowerY] = [x.toLowerCase(), y.toLowerCase()];
    if (lowerX !== lowerY) return lowerX < lowerY ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Removes `name` from imports of `module` when nothing else in the file mentions it any more. */
export function dropNamedImportIfUnused(file: TsFile, module: string, name: string): void {
  const uses = file.source
    .getDescendantsOfKind(SyntaxKind.Identifier)
    .filter(
      (identifier) =>
        identifier.getText() === name && !identifier.getFirstAncestorByKind(SyntaxKind.ImportDeclaration),
    );
  if (uses.length > 0) return;
  const specifier = file.source
    .getImportDeclarations()
    .filter((declaration) => declaration.getModuleSpecifierValue() === module)
    .flatMap((declaration) => declaration.getNamedImports())
    .find((candidate) => candidate.getName() === name && candidate.getAliasNode() === undefined);
  if (!specifier) return;
  const next = specifier.getNextSiblingIfKind(SyntaxKind.CommaToken)?.getNextSibling();
  const previousComma = specifier.getPreviousSiblingIfKind(SyntaxKind.CommaToken);
  if (next) file.source.replaceText([specifier.getStart(), next.getStart()], "");
  else if (previousComma) file.source.replaceText([previousComma.getStart(), specifier.getEnd()], "");
}
