/**
 * What the catalog knows about the packages a custom container installs: which pip packages pull
 * PyTorch (GBs of wheels), and how long installing packages may take on a cold CI engine.
 */

/** PyPI packages (normalised names) that pull PyTorch, directly or through their dependencies. */
export const HEAVY_PIP_PACKAGES: ReadonlySet<string> = new Set([
  "torch",
  "torchvision",
  "torchaudio",
  "openai-whisper",
  "sentence-transformers",
  "transformers",
  "accelerate",
  "ultralytics",
  "easyocr",
  "demucs",
]);

/** PyTorch's index of CPU-only wheels: the same releases without CUDA (about 200 MB instead of GBs). */
export const PYTORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu";

/** Seconds a cold engine may take for each kind of step, on top of pulling the image. */
export const BUILD_SECONDS = {
  base: 120,
  dockerfile: 600,
  apt: 300,
  pip: 600,
  heavyPip: 1800,
} as const;
