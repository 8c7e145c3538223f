import type { NormalizedStack } from "../../spec/model.js";
import { DAGGER_VERSION } from "./pins.js";

/** What the doc page's section on Dagger Cloud and shared engines needs: the CI it speaks of, the engine's image. */
export function scaleDocView(stack: NormalizedStack) {
  return {
    ciOnGithub: stack.ci === "github",
    ciOnGitlab: stack.ci === "gitlab",
    // The image the CLI itself starts (engine/consts.go EngineImageRepo, tagged with the CLI's version).
    engineImage: `registry.dagger.io/engine:v${DAGGER_VERSION}`,
  };
}
