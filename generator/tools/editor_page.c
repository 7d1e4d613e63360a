/* editor_page.c — the HTML of /admin/ (see editor_page.h). */
#include "editor_page.h"
#include "buf.h"
#include "editor_config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char head[] =
    "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta name=\"robots\" content=\"noindex\">\n<title>Biên tập nội dung</title>\n"
    "<script>window.CMS_MANUAL_INIT=true;</script>\n"
    "<script src=\"decap-cms.js\"></script>\n</head>\n<body>\n<script>(function(){\"use strict\";\n";

static const char tail[] =
    "var API=\"" MC_SERVE_EDITOR_API "\",fetch0=window.fetch.bind(window);\n"
    "window.fetch=function(input,init){\n"
    " var u=new URL(typeof input===\"string\"?input:input.url,location.href);\n"
    " if(u.origin===location.origin&&u.pathname===API){\n"
    "  init=Object.assign({},init);var h=new Headers(init.headers||{});\n"
    "  h.set(\"X-Motcua-Token\",TOKEN);init.headers=h;}\n"
    " return fetch0(input,init);};\n"
    "CMS.registerEventListener({name:\"preSave\",handler:function(ev){\n"
    " var e=ev.entry;if(!e.get(\"newRecord\"))return undefined;\n"
    " return fetch(API,{method:\"POST\",headers:{\"Content-Type\":\"application/json\"},\n"
    "  body:JSON.stringify({action:\"slug\",params:{title:String(e.getIn([\"data\",\"title\"])||\"\")}})})\n"
    " .then(function(r){return r.json().then(function(j){if(!r.ok)throw new Error(j.error);\n"
    "  return e.get(\"data\").set(SLUG_KEY,j.slug);});});}});\n"
    "CMS.init({config:Object.assign({load_config_file:false},CONFIG)});\n"
    "})();</script>\n</body>\n</html>\n";

char *mc_editor_page(const char *token, const char *host)
{
    if (!host || strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.:[]-") != strlen(host))
        return NULL;
    char url[512], site[512];
    snprintf(url, sizeof url, "http://%s%s", host, MC_SERVE_EDITOR_API);
    snprintf(site, sizeof site, "http://%s/", host);
    json_t *config = mc_editor_config(json_pack("{s:s, s:s}", "name", "proxy", "proxy_url", url), site);
    char *json = config ? json_dumps(config, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(config);
    if (!json) return NULL;
    mc_buf b = MC_BUF_INIT;
    mc_buf_adds(&b, head);
    mc_buf_printf(&b, "var TOKEN=\"%s\",SLUG_KEY=\"%s\",CONFIG=", token, MC_EDITOR_SLUG_KEY);
    for (const char *p = json; *p; p++) {
        if (p[0] == '<' && p[1] == '/') mc_buf_adds(&b, "<\\");
        else mc_buf_addc(&b, *p);
    }
    mc_buf_adds(&b, ";\n");
    mc_buf_adds(&b, tail);
    free(json);
    if (b.oom) { mc_buf_free(&b); return NULL; }
    return mc_buf_take(&b, NULL);
}

const char *mc_editor_missing_page(void)
{
    return "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Biên tập nội dung"
           "</title></head>\n<body style=\"font:1rem/1.5 sans-serif;margin:2em\">\n"
           "<h1>Chưa cài trình biên tập</h1>\n<p>Các tệp của trình biên tập (Decap CMS) chưa được "
           "cài. Chạy <code>make editor</code> trong thư mục mã nguồn của motcua rồi khởi động lại "
           "<code>motcua serve</code>.</p>\n<p>The editor's files are not installed: run "
           "<code>make editor</code>.</p>\n</body></html>\n";
}
