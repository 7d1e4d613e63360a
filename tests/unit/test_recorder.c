/* test_recorder.c — the preview recorder's pieces that decide what may be
 * written: the front-matter edit, the media-type table, the Origin/Host
 * check, the token comparison, the control's escaping, and the voice
 * bounds of the clean-up (a click alone is not a voice). */
#include "recorder.h"
#include "record_save.h"
#include "voice_clean.h"
#include "../check.h"

#include <math.h>
#include <stdlib.h>

static void front_matter_gets_recording(mc_check *c)
{
    mc_diag d;
    const char *t = "---\ntitle: \"A\"\ndate: 2026-11-20\n---\nBody.\n";
    char *o = mc_record_set_front(t, strlen(t), "ghi-am.webm", "x.md", &d);
    CHECK_STR(c, o, "---\ntitle: \"A\"\ndate: 2026-11-20\nrecording: ghi-am.webm\n---\nBody.\n");
    free(o);
    const char *r = "---\ntitle: A\nrecording: old.m4a\nrepeat: 2\n---\nB\n";
    o = mc_record_set_front(r, strlen(r), "ghi-am.ogg", "x.md", &d);
    CHECK_STR(c, o, "---\ntitle: A\nrecording: ghi-am.ogg\nrepeat: 2\n---\nB\n");
    free(o);
    CHECK(c, mc_record_set_front("No front matter.\n", 17, "a.webm", "x.md", &d) == NULL);
    CHECK(c, strstr(d.message, "no YAML front matter") != NULL);
    CHECK(c, mc_record_set_front("---\ntitle: A\n", 13, "a.webm", "x.md", &d) == NULL);
}

static void media_types_are_a_table(mc_check *c)
{
    CHECK_STR(c, mc_record_ext("audio/webm;codecs=opus"), "webm");
    CHECK_STR(c, mc_record_ext("audio/ogg; codecs=opus"), "ogg");
    CHECK_STR(c, mc_record_ext("audio/mp4"), "m4a");
    CHECK(c, mc_record_ext("text/html") == NULL);
    CHECK(c, mc_record_ext("audio/webmx") == NULL);
    CHECK(c, mc_record_ext(NULL) == NULL);
}

static void origin_must_be_the_preview(mc_check *c)
{
    CHECK(c, mc_record_origin_ok("127.0.0.1:1313", "http://127.0.0.1:1313"));
    CHECK(c, mc_record_origin_ok("localhost:8080", "http://localhost:8080"));
    CHECK(c, mc_record_origin_ok("[::1]:1313", "http://[::1]:1313"));
    CHECK(c, !mc_record_origin_ok("127.0.0.1:1313", "http://127.0.0.1:9999"));
    CHECK(c, !mc_record_origin_ok("127.0.0.1:1313", "http://evil.example"));
    CHECK(c, !mc_record_origin_ok("127.0.0.1:1313", "null"));
    CHECK(c, !mc_record_origin_ok("127.0.0.1:1313", NULL));
    CHECK(c, !mc_record_origin_ok("evil.example:1313", "http://evil.example:1313"));
    CHECK(c, !mc_record_origin_ok("127.0.0.1.evil.example", "http://127.0.0.1.evil.example"));
    CHECK(c, !mc_record_origin_ok("127.0.0.1:13x", "http://127.0.0.1:13x"));
}

static void tokens_compare_whole(mc_check *c)
{
    CHECK(c, mc_record_token_equal("0123abcd", "0123abcd"));
    CHECK(c, !mc_record_token_equal("0123abcd", "0123abce"));
    CHECK(c, !mc_record_token_equal("0123abcd", "0123abc"));
    CHECK(c, !mc_record_token_equal(NULL, "0123abcd"));
    CHECK(c, !mc_record_token_equal("", ""));
}

static void control_refuses_odd_page_paths(mc_check *c)
{
    char *h = mc_recorder_html("0123456789abcdef0123456789abcdef", "thong-bao/x/index.html");
    CHECK(c, h && strstr(h, "PAGE=\"thong-bao/x/index.html\"") && strstr(h, "Ghi âm"));
    free(h);
    CHECK(c, mc_recorder_html("0123", "a\"</script>") == NULL);
    CHECK(c, mc_recorder_html("01\"23", "a/index.html") == NULL);
}

/* 3 s at 8 kHz: a click at 0.3 s, a "voice" (a 200 Hz tone) from 1.0 to
 * 2.0 s, faint noise elsewhere: the bounds are the tone's. */
static void a_click_is_not_the_voice(mc_check *c)
{
    enum { RATE = 8000, FRAME = 80, N = 3 * RATE };
    static float x[N], db[N / FRAME];
    unsigned seed = 1;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        x[i] = 0.001f * ((float)(seed >> 16 & 0x7fff) / 16384.0f - 1.0f);
        double t = (double)i / RATE;
        if (t >= 0.3 && t < 0.315) x[i] += 0.5f;
        if (t >= 1.0 && t < 2.0) x[i] += 0.3f * (float)sin(2 * M_PI * 200 * t);
    }
    loa_levels l = {{0}, 0};
    for (int f = 0; f < N / FRAME; f++) {
        db[f] = (float)loa_frame_db(x + f * FRAME, FRAME);
        loa_levels_add(&l, db[f]);
    }
    loa_voice_bounds b;
    loa_voice_find(db, N / FRAME, &l, &b);
    CHECK(c, b.found);
    CHECK(c, b.first_frame == 100);
    CHECK(c, b.end_frame == 200);
    for (int i = 0; i < N; i++) x[i] = 0.001f * (float)sin(i * 0.7);
    loa_levels q = {{0}, 0};
    for (int f = 0; f < N / FRAME; f++) {
        db[f] = (float)loa_frame_db(x + f * FRAME, FRAME);
        loa_levels_add(&q, db[f]);
    }
    loa_voice_find(db, N / FRAME, &q, &b);
    CHECK(c, !b.found);
}

int main(void)
{
    mc_check c = {0};
    RUN(&c, front_matter_gets_recording);
    RUN(&c, media_types_are_a_table);
    RUN(&c, origin_must_be_the_preview);
    RUN(&c, tokens_compare_whole);
    RUN(&c, control_refuses_odd_page_paths);
    RUN(&c, a_click_is_not_the_voice);
    return check_finish(&c);
}
