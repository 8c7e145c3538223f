import { Node, SyntaxKind } from "ts-morph";
import type { TsFile } from "./file.js";

/** Editors for stack/up.ts. */

export function namePaddingLiteral(file: TsFile): number | undefined {
  const literal = paddingLiteral(file);
  return Node.isNumericLiteral(literal) ? literal.getLiteralValue() : undefined;
}

/** up.ts pads service names to line up their URLs: widens `.padEnd(n)` to fit a longer name. */
export function widenNamePadding(file: TsFile, width: number): void {
  const literal = paddingLiteral(file);
  if (Node.isNumericLiteral(literal) && literal.getLiteralValue() < width) {
    literal.replaceWithText(String(width));
  }
}

function paddingLiteral(file: TsFile): Node | undefined {
  return file.source
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .filter((call) => call.getExpression().getText().endsWith(".padEnd"))
    .map((call) => call.getArguments()[0])
    .find((argument) => Node.isNumericLiteral(argument));
}
