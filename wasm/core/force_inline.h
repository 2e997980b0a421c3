// force_inline.h: LS_ALWAYS_INLINE, for the one-line helpers the loader calls per cell. Why: -Oz
// (the wasm build) keeps even one-line helpers out of line, a call per cell (issue #14: setData
// 200k went from 1.7x to about 1.2x JSON.parse with the hot ones inlined).
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define LS_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define LS_ALWAYS_INLINE inline
#endif
