/* fuzz_speech_markdown.c — libFuzzer harness: an announcement's Markdown
 * body through the reader that cuts it into utterances for the voice
 * (normalize_markdown.c), then each utterance through the inline-markup
 * stripper, on valid UTF-8 as loa checks it first. */
#include "utf8.h"
#include "normalize_internal.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void each(void *arg, const char *text, size_t n)
{
    mc_buf *b = arg;
    loa_markdown_inline(text, n, b);
    mc_buf_addc(b, '\n');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mc_diag d;
    if (mc_utf8_check((const char *)data, size, "fuzz", 1, &d) != 0) return 0;
    mc_buf b;
    mc_buf_init(&b);
    loa_markdown_utterances((const char *)data, size, each, &b);
    mc_buf_free(&b);
    return 0;
}
