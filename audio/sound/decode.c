/* decode.c — a recording to mono float samples with FFmpeg's libraries
 * (see decode.h).
 *
 * libavformat opens the file and picks the best audio track; libavcodec
 * decodes it packet by packet; libswresample mixes every frame down to
 * mono float and converts it to the wanted rate; the result goes to the
 * sink. The declared length is checked against the limit before anything
 * is decoded, and the decoded length against the declared one at the end,
 * so a file cut short in transfer is an error and not a shorter broadcast.
 * FFmpeg's own log is silenced: its messages are turned into ours.
 */
#include "decode.h"

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>

#include <stdio.h>
#include <string.h>

#define OUT_BLOCK 4096

static const char formats_hint[] =
    "save or export it again as M4A (AAC), MP3, Ogg or WebM (Opus), 3GP, WAV or FLAC";

typedef struct decoder {
    AVFormatContext *fmt;
    AVCodecContext *codec;
    SwrContext *swr;
    AVPacket *pkt;
    AVFrame *frame;
    float *out;
    int stream, rate;
    long long written;      /* samples sent to the sink */
    loa_pcm_sink sink;
    void *ctx;
    const char *shown;
    mc_diag *d;
} decoder;

static const char *av_text(int err, char *buf, size_t n)
{
    if (av_strerror(err, buf, n) != 0) snprintf(buf, n, "FFmpeg error %d", err);
    return buf;
}

static void describe_streams(const AVFormatContext *f, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (unsigned i = 0; i < f->nb_streams && used < n; i++) {
        const AVCodecParameters *p = f->streams[i]->codecpar;
        const char *type = av_get_media_type_string(p->codec_type);
        used += (size_t)snprintf(buf + used, n - used, "%s%s %s", i ? ", " : "",
                                 type ? type : "unknown", avcodec_get_name(p->codec_id));
    }
    if (!f->nb_streams) snprintf(buf, n, "no tracks at all");
}

static int open_input(decoder *c, const char *path, loa_decode_info *info)
{
    char err[128], streams[256];
    int rc = avformat_open_input(&c->fmt, path, NULL, NULL);
    if (rc < 0)
        return mc_diag_set(c->d, c->shown, 0, 0, "cannot read the recording: FFmpeg does not "
                           "recognise it as audio (%s); %s", av_text(rc, err, sizeof err), formats_hint);
    snprintf(info->container, sizeof info->container, "%s", c->fmt->iformat->name);
    rc = avformat_find_stream_info(c->fmt, NULL);
    if (rc < 0)
        return mc_diag_set(c->d, c->shown, 0, 0, "cannot read the recording: the %s file is "
                           "damaged (%s); %s", info->container, av_text(rc, err, sizeof err), formats_hint);
    const AVCodec *codec = NULL;
    c->stream = av_find_best_stream(c->fmt, AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
    if (c->stream < 0) {
        describe_streams(c->fmt, streams, sizeof streams);
        return mc_diag_set(c->d, c->shown, 0, 0, "the recording has no audio track FFmpeg can "
                           "decode (a %s file with %s); %s", info->container, streams, formats_hint);
    }
    const AVCodecParameters *par = c->fmt->streams[c->stream]->codecpar;
    snprintf(info->codec, sizeof info->codec, "%s", avcodec_get_name(par->codec_id));
    info->channels = par->ch_layout.nb_channels;
    info->sample_rate = par->sample_rate;
    return 0;
}

/* The length the container declares, in seconds; 0 when it does not say. */
static double declared_seconds(const decoder *c)
{
    const AVStream *st = c->fmt->streams[c->stream];
    if (st->duration > 0 && st->duration != AV_NOPTS_VALUE)
        return (double)st->duration * av_q2d(st->time_base);
    if (c->fmt->duration > 0 && c->fmt->duration != AV_NOPTS_VALUE)
        return (double)c->fmt->duration / AV_TIME_BASE;
    return 0;
}

static int open_codec(decoder *c, const loa_decode_info *info)
{
    const AVCodecParameters *par = c->fmt->streams[c->stream]->codecpar;
    const AVCodec *codec = avcodec_find_decoder(par->codec_id);
    if (!codec)
        return mc_diag_set(c->d, c->shown, 0, 0, "this FFmpeg cannot decode the recording's "
                           "audio (%s in a %s file); %s", info->codec, info->container, formats_hint);
    c->codec = avcodec_alloc_context3(codec);
    if (!c->codec || avcodec_parameters_to_context(c->codec, par) < 0 ||
        avcodec_open2(c->codec, codec, NULL) < 0)
        return mc_diag_set(c->d, c->shown, 0, 0, "cannot start the %s decoder for the recording; %s",
                           info->codec, formats_hint);
    c->pkt = av_packet_alloc();
    c->frame = av_frame_alloc();
    c->out = av_malloc(OUT_BLOCK * sizeof *c->out);
    if (!c->pkt || !c->frame || !c->out) return mc_diag_set(c->d, c->shown, 0, 0, "out of memory");
    return 0;
}

/* The resampler is made for the first frame's layout and rate (a decoder
 * may only know them then). */
static int open_swr(decoder *c, const AVFrame *f)
{
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO, in;
    if (av_channel_layout_copy(&in, &f->ch_layout) < 0 || !av_channel_layout_check(&in)) {
        av_channel_layout_uninit(&in);
        av_channel_layout_default(&in, f->ch_layout.nb_channels > 0 ? f->ch_layout.nb_channels : 1);
    }
    int rc = swr_alloc_set_opts2(&c->swr, &mono, AV_SAMPLE_FMT_FLT, c->rate, &in,
                                 (enum AVSampleFormat)f->format, f->sample_rate, 0, NULL);
    av_channel_layout_uninit(&in);
    if (rc < 0 || swr_init(c->swr) < 0)
        return mc_diag_set(c->d, c->shown, 0, 0, "cannot convert the recording (%d channels, "
                           "%d Hz) to mono at %d Hz", f->ch_layout.nb_channels, f->sample_rate, c->rate);
    return 0;
}

/* Converts one frame (NULL: drains the resampler) into the sink. */
static int emit(decoder *c, const AVFrame *f)
{
    if (f && !c->swr && open_swr(c, f) != 0) return -1;
    if (!c->swr) return 0;
    const uint8_t **in = f ? (const uint8_t **)f->extended_data : NULL;
    int n_in = f ? f->nb_samples : 0;
    for (;;) {
        uint8_t *out = (uint8_t *)c->out;
        int got = swr_convert(c->swr, &out, OUT_BLOCK, in, n_in);
        if (got < 0) return mc_diag_set(c->d, c->shown, 0, 0, "cannot convert the recording's samples");
        if (got > 0) {
            if (c->sink(c->ctx, c->out, (size_t)got) != 0) return -1;
            c->written += got;
        }
        if (got < OUT_BLOCK) return 0;
        in = NULL;
        n_in = 0;
    }
}

static int receive_all(decoder *c, int *bad)
{
    for (;;) {
        int rc = avcodec_receive_frame(c->codec, c->frame);
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return 0;
        if (rc < 0) { (*bad)++; return 0; }
        rc = emit(c, c->frame);
        av_frame_unref(c->frame);
        if (rc != 0) return -1;
        if (c->written > (long long)(LOA_RECORDING_MAX_SECONDS * c->rate))
            return mc_diag_set(c->d, c->shown, 0, 0, "the recording is longer than %.0f minutes, "
                               "the longest loa reads; split it into shorter announcements",
                               LOA_RECORDING_MAX_SECONDS / 60);
    }
}

static int decode_all(decoder *c, int *bad, int *read_error)
{
    char err[128];
    int rc;
    while ((rc = av_read_frame(c->fmt, c->pkt)) >= 0) {
        int mine = c->pkt->stream_index == c->stream;
        int sent = mine ? avcodec_send_packet(c->codec, c->pkt) : 0;
        av_packet_unref(c->pkt);
        if (sent < 0 && sent != AVERROR(EAGAIN)) (*bad)++;
        if (mine && receive_all(c, bad) != 0) return -1;
    }
    if (rc != AVERROR_EOF) {
        *read_error = 1;
        av_text(rc, err, sizeof err);
    }
    avcodec_send_packet(c->codec, NULL);
    if (receive_all(c, bad) != 0) return -1;
    return emit(c, NULL);
}

static void close_all(decoder *c)
{
    swr_free(&c->swr);
    av_free(c->out);
    av_frame_free(&c->frame);
    av_packet_free(&c->pkt);
    avcodec_free_context(&c->codec);
    avformat_close_input(&c->fmt);
}

static void clock_text(double s, char *buf, size_t n)
{
    long t = (long)(s + 0.5);
    snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
}

int loa_decode_file(const char *path, const char *shown, int rate, loa_pcm_sink sink,
                    void *ctx, loa_decode_info *info, mc_diag *d)
{
    decoder c;
    memset(&c, 0, sizeof c);
    memset(info, 0, sizeof *info);
    c.rate = rate;
    c.sink = sink;
    c.ctx = ctx;
    c.shown = shown;
    c.d = d;
    av_log_set_level(AV_LOG_QUIET);
    int bad = 0, read_error = 0;
    int rc = open_input(&c, path, info);
    double declared = rc == 0 ? declared_seconds(&c) : 0;
    char len[32];
    if (rc == 0 && declared > LOA_RECORDING_MAX_SECONDS) {
        clock_text(declared, len, sizeof len);
        rc = mc_diag_set(d, shown, 0, 0, "the recording is %s long; loa reads recordings of at "
                         "most %.0f minutes: split it into shorter announcements", len,
                         LOA_RECORDING_MAX_SECONDS / 60);
    }
    if (rc == 0) rc = open_codec(&c, info);
    if (rc == 0) {
        d->message[0] = '\0';
        rc = decode_all(&c, &bad, &read_error);
    }
    info->seconds = (double)c.written / rate;
    if (rc == 0 && c.written == 0)
        rc = mc_diag_set(d, shown, 0, 0, "the recording holds no sound (0 seconds of %s audio%s); "
                         "record the announcement again", info->codec,
                         bad ? ", and every packet failed to decode" : "");
    else if (rc == 0 && declared > 1 && info->seconds < declared - 0.5 && (bad || read_error ||
             info->seconds < 0.9 * declared)) {
        char got[32];
        clock_text(declared, len, sizeof len);
        clock_text(info->seconds, got, sizeof got);
        rc = mc_diag_set(d, shown, 0, 0, "the recording is incomplete: the %s file says %s but "
                         "its audio stops at %s (the file was cut short, e.g. by an unfinished "
                         "upload); copy it again from the phone", info->container, len, got);
    }
    close_all(&c);
    return rc;
}
