/**
 * Versions the generated CI pins. Actions are pinned by commit, with their release in a trailing comment;
 * the Dagger CLI by its exact version. Images live in the one table of pins, src/spec/catalog/images.ts.
 */
import { GITLAB_DIND_IMAGE } from "../../spec/catalog/images.js";

export { GITLAB_DIND_IMAGE };

export const DAGGER_VERSION = "0.21.9";
export const ACTIONS = {
  checkout: "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
  checkoutVersion: "v4.2.2",
  setupNode: "actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020",
  setupNodeVersion: "v4.4.0",
  setupPython: "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065",
  setupPythonVersion: "v5.6.0",
  dagger: "dagger/dagger-for-github@27b130bf0f79a7f6fbbbe0fbca6760dc9bb40a77",
  daggerVersion: "v8.4.1",
  setupUv: "astral-sh/setup-uv@20cfd1bf945f4377ade1205e4dbc17946fc9a30d",
  setupUvVersion: "v10.0.1",
} as const;
/**
 * The actions that bring pnpm, bun and the bun cache to the runner, pinned by commit with the release as
 * a comment. Nothing here is guessed (the project cannot reach GitHub itself); each commit was read from
 * the action's repository as the search tools' `fetch` stores it:
 * - pnpm/action-setup v4.0.0: the snapshot of 2025-01-09, the newest readable here (later releases could
 *   not be checked), `git show-ref -d refs/tags/v4.0.0`: annotated tag 0c17529a on commit fe02b34f. It
 *   reads the version from `packageManager`, or its `version` input when package.json has none.
 * - oven-sh/setup-bun v2.2.0: the snapshot of 2026-03-14, `refs/tags/v2.2.0` a plain tag on commit
 *   0c5077e5 ("release: v2.2.0"), on node24. Its `bun-version-file` reads `packageManager`.
 * - actions/cache v5.0.5: the snapshot of 2026-04-13, `refs/tags/v5.0.5` a plain tag on commit 27d5ce7f,
 *   on node24.
 */
export const PACKAGE_MANAGER_ACTIONS = {
  setupPnpm: { ref: "pnpm/action-setup@fe02b34f77f8bc703788d5817da081398fad5dd2", release: "v4.0.0" },
  setupBun: { ref: "oven-sh/setup-bun@0c5077e51419868618aeaa5fe8019c62421857d6", release: "v2.2.0" },
  cache: { ref: "actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae", release: "v5.0.5" },
} as const;

/**
 * Package managers a runner installs when the project's package.json pins none (its `packageManager`
 * wins when it does): the npm registry's `latest` on 2026-12-05. corepack comes from npm too: Node 25
 * and later no longer bundle it, and the copy in Node 22 and 24 may predate the keys of newer releases.
 */
export const PACKAGE_MANAGER_VERSIONS = { pnpm: "12.24.0", bun: "1.4.5", corepack: "0.36.0" } as const;

/**
 * The Docker CLI that the Dagger CLI starts its engine with on GitLab, where the job's node or python
 * image has none: the version of the docker:dind service above, from download.docker.com's static
 * builds, as docker-library's own `docker:<version>-cli` image installs it. Docker publishes no checksum
 * for those archives, so none is checked.
 */
export const DOCKER_CLI_VERSION = GITLAB_DIND_IMAGE.replace(/^docker:|-dind$/g, "");
