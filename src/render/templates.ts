import Handlebars from "handlebars";
import { compileTemplate } from "./template-source.js";

/**
 * Templates are real files under templates/<language>/, named like their output plus `.hbs`. They run on
 * an isolated Handlebars instance, compiled strict (a missing view-model field is an error, not an empty
 * string) and without HTML escaping (the view-model escapes for the target language).
 */
const handlebars = Handlebars.create();
const cache = new Map<string, Handlebars.TemplateDelegate>();

export function render(template: string, view: object): string {
  let compiled = cache.get(template);
  if (!compiled) {
    compiled = compileTemplate(handlebars, template);
    cache.set(template, compiled);
  }
  return compiled(view);
}
