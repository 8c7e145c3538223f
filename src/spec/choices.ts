/** Closed sets of spec values, in a module of their own so `--help` can list them without loading zod. */
export const LANGUAGES = ["typescript", "python"] as const;
export const CI_PROVIDERS = ["github", "gitlab", "none"] as const;
