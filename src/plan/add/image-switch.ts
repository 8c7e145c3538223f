import type { NormalizedService } from "../../spec/model.js";

/** How a config default was changed: kept when the user had chosen their own. */
type DefaultChange = "changed" | "unchanged" | "kept-yours";

/**
 * pg_search comes as a ready image: the default image in the config moves from the one create wrote to
 * the new one, unless the user chose their own. Returns the note for the user when they had.
 */
export function switchImage(
  configPath: string,
  was: NormalizedService,
  is: NormalizedService,
  replaceDefault: (image: { previous: string; value: string }) => DefaultChange,
): string[] {
  if (was.image === undefined || is.image === undefined || was.image === is.image) return [];
  if (replaceDefault({ previous: was.image, value: is.image }) !== "kept-yours") return [];
  return [
    `${configPath}: kept your ${is.name} image; its extensions need ${is.image} or an image built like it`,
  ];
}
