/** The prompts ask.ts runs: importing only these keeps the rest of @inquirer/prompts out of the bundle. */
export { checkbox, confirm, input, select } from "@inquirer/prompts";
