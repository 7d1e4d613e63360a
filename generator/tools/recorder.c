/* recorder.c — the preview's recording control and its request checks
 * (see recorder.h). The script is plain ES2017 with no dependencies; its
 * labels are Vietnamese like the rest of the preview's additions.
 */
#include "recorder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char control[] =
    "<section id=\"motcua-recorder\" aria-label=\"Ghi âm (bản xem trước)\" style=\"border:2px solid "
    "#b58100;background:#fff8e1;color:#3b2a00;padding:.8em 1em;margin:1em;font:1rem/1.5 sans-serif\">\n"
    "<h2 style=\"font-size:1.1rem;margin:0 0 .5em\">Ghi âm thông báo (chỉ có trong bản xem trước)</h2>\n"
    "<p style=\"margin:0 0 .5em\">Đọc bản tin vào micrô; bản ghi thay cho giọng đọc máy trên loa "
    "và trang này, văn bản vẫn là bản ghi lời.</p>\n"
    "<button type=\"button\" id=\"mc-rec\">Ghi âm</button> "
    "<button type=\"button\" id=\"mc-stop\" disabled>Dừng</button> "
    "<button type=\"button\" id=\"mc-save\" disabled>Lưu</button>\n"
    "<audio id=\"mc-take\" controls hidden></audio>\n"
    "<p id=\"mc-status\" role=\"status\" style=\"margin:.5em 0 0\"></p>\n"
    "</section>\n"
    "<script>(function(){\"use strict\";\n"
    "var TOKEN=\"%s\",PAGE=\"%s\",URL_SAVE=\"" MC_SERVE_RECORD "?page=\"+encodeURIComponent(PAGE);\n"
    "var $=function(i){return document.getElementById(i);},rec=null,chunks=[],take=null;\n"
    "function say(t){$(\"mc-status\").textContent=t;}\n"
    "var played=sessionStorage.getItem(\"motcua-play\");\n"
    "if(played===PAGE){sessionStorage.removeItem(\"motcua-play\");\n"
    " var a=document.querySelector(\"section.recording audio\");\n"
    " if(a){a.preload=\"auto\";a.play().then(function(){say(\"Đang phát bản phát thanh mới.\");},"
    "function(){say(\"Bản phát thanh mới đã sẵn sàng; bấm nút phát để nghe.\");});}}\n"
    "$(\"mc-rec\").onclick=function(){\n"
    " if(!navigator.mediaDevices||!window.MediaRecorder){say(\"Trình duyệt này không ghi âm được.\");return;}\n"
    " navigator.mediaDevices.getUserMedia({audio:true}).then(function(s){\n"
    "  var types=[\"audio/webm;codecs=opus\",\"audio/ogg;codecs=opus\",\"audio/mp4\"],t=\"\";\n"
    "  for(var i=0;i<types.length;i++)if(MediaRecorder.isTypeSupported(types[i])){t=types[i];break;}\n"
    "  rec=new MediaRecorder(s,t?{mimeType:t}:{});chunks=[];\n"
    "  rec.ondataavailable=function(e){if(e.data&&e.data.size)chunks.push(e.data);};\n"
    "  rec.onstop=function(){s.getTracks().forEach(function(k){k.stop();});\n"
    "   take=new Blob(chunks,{type:rec.mimeType||t||\"audio/webm\"});\n"
    "   var p=$(\"mc-take\");p.src=URL.createObjectURL(take);p.hidden=false;\n"
    "   $(\"mc-save\").disabled=false;$(\"mc-rec\").disabled=false;\n"
    "   say(\"Đã ghi \"+Math.round(take.size/1024)+\" KB. Nghe lại, rồi bấm Lưu.\");};\n"
    "  rec.start(1000);$(\"mc-rec\").disabled=true;$(\"mc-stop\").disabled=false;$(\"mc-save\").disabled=true;\n"
    "  say(\"Đang ghi âm…\");\n"
    " },function(e){say(\"Không mở được micrô: \"+e.message);});};\n"
    "$(\"mc-stop\").onclick=function(){if(rec&&rec.state!==\"inactive\")rec.stop();$(\"mc-stop\").disabled=true;};\n"
    "$(\"mc-save\").onclick=function(){if(!take)return;$(\"mc-save\").disabled=true;say(\"Đang lưu…\");\n"
    " fetch(URL_SAVE,{method:\"POST\",headers:{\"X-Motcua-Token\":TOKEN,\"Content-Type\":take.type},body:take})\n"
    " .then(function(r){return r.text().then(function(b){if(!r.ok)throw new Error(b);return b;});})\n"
    " .then(function(){sessionStorage.setItem(\"motcua-play\",PAGE);say(\"Đã lưu. Đang dựng lại trang…\");},\n"
    "  function(e){$(\"mc-save\").disabled=false;say(\"Không lưu được: \"+e.message);});};\n"
    "})();</script>\n";

char *mc_recorder_html(const char *token, const char *page)
{
    for (const char *p = page; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-", *p)) return NULL;
    for (const char *p = token; *p; p++)
        if (!strchr("0123456789abcdef", *p)) return NULL;
    size_t n = sizeof control + strlen(token) + strlen(page);
    char *out = malloc(n);
    if (out) snprintf(out, n, control, token, page);
    return out;
}

/* host without its port: "127.0.0.1", "localhost" or "[::1]" */
static int local_host(const char *host)
{
    static const char *names[] = {"127.0.0.1", "localhost", "[::1]"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = strlen(names[i]);
        if (!strncasecmp(host, names[i], n) && (host[n] == '\0' || host[n] == ':')) {
            const char *port = host + n + (host[n] == ':');
            if (host[n] == ':' && (!*port || strspn(port, "0123456789") != strlen(port))) return 0;
            return 1;
        }
    }
    return 0;
}

int mc_record_origin_ok(const char *host, const char *origin)
{
    if (!host || !origin || !local_host(host)) return 0;
    return !strncmp(origin, "http://", 7) && !strcasecmp(origin + 7, host);
}

int mc_record_token_equal(const char *a, const char *b)
{
    size_t na = a ? strlen(a) : 0, nb = b ? strlen(b) : 0;
    unsigned diff = na != nb || !na;
    for (size_t i = 0; i < na && i < nb; i++) diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}
