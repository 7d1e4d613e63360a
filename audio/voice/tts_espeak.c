/* tts_espeak.c — the embedded espeak-ng engine behind tts.h.
 *
 * espeak-ng is started in AUDIO_OUTPUT_SYNCHRONOUS mode: espeak_Synth runs
 * the whole utterance on the calling thread and passes 16-bit PCM at
 * 22050 Hz to a callback, which converts it to float and forwards it to the
 * caller's sink in blocks. No sound device is opened. The callback finds its
 * context through espeak's per-call user_data, so this file keeps no state
 * of its own outside the loa_tts object.
 *
 * Utterances are synthesised without espeakENDPAUSE: espeak then adds no
 * sentence-final silence of its own and the composer's pauses are exact.
 *
 * PulseAudio: espeak-ng 1.51 creates a libpcaudio output object inside
 * espeak_Initialize even in synchronous mode (fixed upstream in 1.52). On a
 * machine without a sound server that object only tries two socket paths
 * and fails silently; to be sure it can neither connect to a running server
 * nor autospawn one, PULSE_SERVER is pointed at an impossible address for
 * the duration of espeak_Initialize when the caller has not set it, then
 * restored. (Measured: espeak_Initialize takes ~5 ms and prints nothing.)
 *
 * espeak-ng itself is a process-wide library: only one loa_tts may be alive
 * at a time; loa makes exactly one per command. It is started once per
 * process and stopped at exit (atexit), not with each loa_tts: espeak-ng
 * 1.51 hangs in espeak_Terminate after a second espeak_Initialize in the
 * same process, which a long-running `motcua serve` would do on every
 * rebuild that makes audio.
 *
 * The same loa_tts object also carries any other engine (loa_tts_new_engine
 * in tts.h): when `ext` is set every public function forwards to that
 * table and espeak-ng is never touched.
 */
#include "tts.h"

#include <espeak-ng/speak_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOA_ESPEAK_WPM 175   /* espeak-ng's default speed = rate 1.0 */
#define LOA_BLOCK 1024

struct loa_tts {
    int sample_rate;
    char voice[64];
    const loa_tts_engine *ext;  /* another engine (loa_tts_new_engine), or NULL */
    void *impl;
};

typedef struct speak_call {
    loa_pcm_sink sink;
    void *ctx;
    int stopped;
} speak_call;

static int on_samples(short *wav, int n, espeak_EVENT *events)
{
    speak_call *call = events ? events[0].user_data : NULL;
    if (!call || call->stopped) return 1;
    float block[LOA_BLOCK];
    for (int done = 0; wav && done < n;) {
        int k = n - done < LOA_BLOCK ? n - done : LOA_BLOCK;
        for (int i = 0; i < k; i++) block[i] = wav[done + i] / 32768.0f;
        if (call->sink(call->ctx, block, (size_t)k) != 0) {
            call->stopped = 1;
            return 1;
        }
        done += k;
    }
    return 0;
}

static void stop_espeak(void) { espeak_Terminate(); }

/* Runs espeak_Initialize with PulseAudio made unreachable (see the top),
 * the first time only; its sample rate. */
static int start_espeak(void)
{
    static int rate;
    if (rate > 0) return rate;
    const char *had = getenv("PULSE_SERVER");
    if (!had) setenv("PULSE_SERVER", "unix:/nonexistent/loa-no-sound-server", 1);
    rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, NULL, espeakINITIALIZE_DONT_EXIT);
    if (!had) unsetenv("PULSE_SERVER");
    if (rate > 0) atexit(stop_espeak);
    return rate;
}

static int check_options(const loa_tts_options *o, mc_diag *d)
{
    if (!loa_tts_voice_known(o->voice))
        return mc_diag_set(d, NULL, 0, 0, "unknown voice '%s'; the voices are vi, "
                           "vi-vn-x-central and vi-vn-x-south (see 'loa voices')", o->voice);
    if (!(o->rate >= 0.5 && o->rate <= 2.0))
        return mc_diag_set(d, NULL, 0, 0, "speaking rate %g is out of range; use 0.5 to 2.0", o->rate);
    if (o->pitch < 0 || o->pitch > 100)
        return mc_diag_set(d, NULL, 0, 0, "pitch %d is out of range; use 0 to 100", o->pitch);
    return 0;
}

loa_tts *loa_tts_new(const loa_tts_options *opts, mc_diag *d)
{
    loa_tts_options o = {"vi", 1.0, 50};
    if (opts) o = *opts;
    if (!o.voice) o.voice = "vi";
    if (check_options(&o, d) != 0) return NULL;
    loa_tts *t = calloc(1, sizeof *t);
    if (!t) { mc_diag_set(d, NULL, 0, 0, "out of memory"); return NULL; }
    t->sample_rate = start_espeak();
    if (t->sample_rate <= 0) {
        free(t);
        mc_diag_set(d, NULL, 0, 0, "cannot start espeak-ng: its data files were not found; "
                    "install the espeak-ng-data package");
        return NULL;
    }
    snprintf(t->voice, sizeof t->voice, "%s", o.voice);
    espeak_SetSynthCallback(on_samples);
    if (espeak_SetVoiceByName(o.voice) != EE_OK) {
        mc_diag_set(d, NULL, 0, 0, "espeak-ng has no voice '%s'; install espeak-ng-data", o.voice);
        loa_tts_free(t);
        return NULL;
    }
    espeak_SetParameter(espeakRATE, (int)(LOA_ESPEAK_WPM * o.rate + 0.5), 0);
    espeak_SetParameter(espeakPITCH, o.pitch, 0);
    return t;
}

loa_tts *loa_tts_new_engine(const loa_tts_engine *e, void *impl, mc_diag *d)
{
    loa_tts *t = calloc(1, sizeof *t);
    if (!t) {
        e->free(impl);
        mc_diag_set(d, NULL, 0, 0, "out of memory");
        return NULL;
    }
    t->ext = e;
    t->impl = impl;
    return t;
}

int loa_tts_set_voice(loa_tts *t, const char *voice, mc_diag *d)
{
    if (t->ext && t->ext->set_voice) return t->ext->set_voice(t->impl, voice, d);
    if (t->ext)
        return strcmp(voice, t->ext->voice_id(t->impl)) ? mc_diag_set(d, NULL, 0, 0,
                   "the engine %s has no voice '%s'", t->ext->name(t->impl), voice) : 0;
    if (!loa_tts_voice_known(voice))
        return mc_diag_set(d, NULL, 0, 0, "unknown voice '%s'; the voices are vi, "
                           "vi-vn-x-central and vi-vn-x-south (see 'loa voices')", voice);
    if (!strcmp(voice, t->voice)) return 0;
    if (espeak_SetVoiceByName(voice) != EE_OK)
        return mc_diag_set(d, NULL, 0, 0, "espeak-ng has no voice '%s'; install espeak-ng-data", voice);
    snprintf(t->voice, sizeof t->voice, "%s", voice);
    return 0;
}

int loa_tts_sample_rate(const loa_tts *t)
{
    return t->ext ? t->ext->sample_rate(t->impl) : t->sample_rate;
}

const char *loa_tts_engine_name(const loa_tts *t)
{
    return t->ext ? t->ext->name(t->impl) : "espeak-ng 1.51";
}

const char *loa_tts_voice_id(const loa_tts *t)
{
    return t->ext ? t->ext->voice_id(t->impl) : t->voice;
}

int loa_tts_speak(loa_tts *t, const char *text, size_t len,
                  loa_pcm_sink sink, void *ctx, mc_diag *d)
{
    if (t->ext) return t->ext->speak(t->impl, text, len, sink, ctx, d);
    char *copy = malloc(len + 1);
    if (!copy) return mc_diag_set(d, NULL, 0, 0, "out of memory");
    memcpy(copy, text, len);
    copy[len] = '\0';
    speak_call call = {sink, ctx, 0};
    espeak_ERROR e = espeak_Synth(copy, len + 1, 0, POS_CHARACTER, 0,
                                  espeakCHARS_UTF8, NULL, &call);
    free(copy);
    if (call.stopped) return -1;
    if (e != EE_OK)
        return mc_diag_set(d, NULL, 0, 0, "espeak-ng could not synthesise an utterance (error %d)", (int)e);
    return 0;
}

void loa_tts_free(loa_tts *t)
{
    if (!t) return;
    if (t->ext) t->ext->free(t->impl);
    free(t);
}
