/* mustache.c — Mustache templates: tokenizer → tree → renderer (see mustache.h).
 *
 * 1. Tokenizer. tokenize() cuts the source into text and tag tokens, following
 *    set-delimiter tags as it goes. Text tokens never span a newline: each
 *    ends just after its '\n' (or at a tag, or at the end), so a "line" is the
 *    run of tokens up to a text token ending in '\n'.
 *
 * 2. Standalone lines. mark_standalone() looks at each line. A line whose
 *    text is only spaces/tabs (plus its line ending) and whose tags are all
 *    non-interpolation tags is standalone when it has one tag, or several of
 *    which one is a parent tag ({{<p}}…{{/p}}: the spec lets "{{<p}}{{$b}}" or
 *    "{{<p}}{{/p}}" share a line). Its whitespace text is dropped, and its
 *    tags remember the line's indentation. Every tag also remembers the
 *    whitespace before it when it is the first thing on its line; blocks use
 *    that when they are not standalone.
 *
 * 3. Tree. build_tree() turns tokens into nodes with an explicit stack of
 *    open sections, so mismatched or unclosed sections are reported with the
 *    line they opened on. Comments and delimiter tags leave no node. Names
 *    are split at '.' once here.
 *
 * 4. Renderer. render_nodes() walks the tree with a context stack of JSON
 *    values (names are looked up from the top; a dotted name resolves its
 *    first part on the stack and the rest inside that value). Indentation is
 *    applied lazily: the render state holds a prefix, written before the
 *    first output of each template line (after a newline from template text,
 *    or on entering a standalone partial), never inside interpolated data.
 *    A standalone partial or parent renders with prefix = outer prefix + its
 *    tag's indentation, which indents every line of its template.
 *
 * 5. Inheritance. A parent tag {{<p}} keeps its direct {{$block}} children as
 *    overrides; rendering it pushes a scope frame (tag, template, outer
 *    frame) and renders template p. A {{$b}} found while rendering looks b up
 *    in the scope, outermost frame first (top-level overrides win over
 *    nearer ones), and renders the override's content, or its own default
 *    content. Block content is re-indented: the override's own indentation
 *    (that of its first line, when its opening tag is standalone) is
 *    stripped from each of its template lines, and the slot's indentation
 *    is added (a standalone slot uses the indentation of its default
 *    content, or of its tag; an inline slot the whitespace before it).
 *    Partials, parents and block expansions count towards one depth limit,
 *    which stops endless recursion before the C stack does.
 */
#include "mustache.h"
#include "buf.h"
#include "grow.h"
#include "safepath.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "utf8.h"

/* ------------------------------------------------------------------ */
/* Tokens                                                             */

enum tok_kind {
    T_TEXT, T_VAR, T_RAW, T_SECTION, T_INVERTED, T_CLOSE, T_COMMENT,
    T_PARTIAL, T_PARENT, T_BLOCK, T_DELIM
};

struct token {
    enum tok_kind kind;
    const char *s;       /* TEXT: the bytes; tags: the trimmed name */
    size_t n;
    int line;            /* line the token starts on */
    int bol;             /* TEXT: starts at the beginning of a source line */
    int dynamic;         /* PARTIAL/PARENT/CLOSE: name started with '*' */
    int removed;         /* TEXT: dropped as part of a standalone line */
    int standalone;      /* tags: on a standalone line */
    const char *lead;    /* tags: whitespace before it on its line, or NULL */
    size_t lead_n;
};

struct toklist {
    struct token *v;
    size_t n, cap;
};

static int toklist_push(struct toklist *l, struct token t)
{
    struct token *grown = mc_grow(l->v, l->n, &l->cap, sizeof *grown, 64);
    if (!grown) return -1;
    l->v = grown;
    l->v[l->n++] = t;
    return 0;
}

/* State of the tokenizer over one source text. */
struct lexer {
    const char *src;
    size_t len;
    const char *file;
    size_t pos;
    int line;
    const char *open, *close; /* current delimiters (point into src or literals) */
    size_t open_n, close_n;
    struct toklist *toks;
    mc_diag *d;
};

static int is_blank(char c) { return c == ' ' || c == '\t'; }
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* Index of the first occurrence of needle in src[from..len), or -1. */
static long find_at(const char *src, size_t len, size_t from,
                    const char *needle, size_t nn)
{
    if (nn == 0 || len < nn) return -1;
    for (size_t i = from; i + nn <= len; i++)
        if (src[i] == needle[0] && memcmp(src + i, needle, nn) == 0)
            return (long)i;
    return -1;
}

/* Index of `tail` immediately followed by the closing delimiter, searching
 * from `from`; with tail == 0 just the closing delimiter. -1 if none. */
static long find_tag_end(const struct lexer *lx, size_t from, char tail)
{
    for (size_t i = from; i < lx->len; i++) {
        size_t after = tail ? i + 1 : i;
        if (tail && lx->src[i] != tail) continue;
        if (after + lx->close_n <= lx->len &&
            memcmp(lx->src + after, lx->close, lx->close_n) == 0)
            return (long)i;
    }
    return -1;
}

static int count_newlines(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\n') k++;
    return k;
}

/* Pushes src[from..to) as text tokens, one per line piece. */
static int lex_text(struct lexer *lx, size_t from, size_t to)
{
    while (from < to) {
        size_t end = from;
        while (end < to && lx->src[end] != '\n') end++;
        if (end < to) end++; /* keep the newline in this token */
        struct token t = {0};
        t.kind = T_TEXT;
        t.s = lx->src + from;
        t.n = end - from;
        t.line = lx->line;
        t.bol = from == 0 || lx->src[from - 1] == '\n';
        if (toklist_push(lx->toks, t)) return mc_diag_oom(lx->d, lx->file);
        if (lx->src[end - 1] == '\n') lx->line++;
        from = end;
    }
    return 0;
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_space(**s)) { (*s)++; (*n)--; }
    while (*n && is_space((*s)[*n - 1])) (*n)--;
}

static enum tok_kind kind_of_sigil(char c)
{
    switch (c) {
    case '#': return T_SECTION;
    case '^': return T_INVERTED;
    case '/': return T_CLOSE;
    case '!': return T_COMMENT;
    case '>': return T_PARTIAL;
    case '<': return T_PARENT;
    case '$': return T_BLOCK;
    case '=': return T_DELIM;
    case '&': return T_RAW;
    case '{': return T_RAW;
    default: return T_VAR;
    }
}

/* Applies a set-delimiter tag whose inside (between the '='s) is s[0..n). */
static int lex_set_delims(struct lexer *lx, const char *s, size_t n, int line)
{
    trim(&s, &n);
    size_t a = 0;
    while (a < n && !is_space(s[a])) a++;
    size_t b = a;
    while (b < n && is_space(s[b])) b++;
    size_t c = b;
    while (c < n && !is_space(s[c])) c++;
    int ok = a > 0 && c > b && c == n && !memchr(s, '=', a) &&
             !memchr(s + b, '=', c - b);
    if (!ok)
        return mc_diag_set(lx->d, lx->file, line, 0,
                           "bad set-delimiter tag '%.*s': write it as {{=<%% %%>=}}, "
                           "two delimiters without '=' separated by a space",
                           (int)(n > 60 ? 60 : n), s);
    lx->open = s;
    lx->open_n = a;
    lx->close = s + b;
    lx->close_n = c - b;
    return 0;
}

/* Names of partials and parents may start with '*' (dynamic names). */
static void take_dynamic(struct token *t)
{
    if (t->n && t->s[0] == '*') {
        t->dynamic = 1;
        t->s++;
        t->n--;
        trim(&t->s, &t->n);
    }
}

/* Lexes one tag whose opening delimiter starts at `at`. */
static int lex_tag(struct lexer *lx, size_t at)
{
    int line = lx->line;
    size_t in = at + lx->open_n;
    char sigil = in < lx->len ? lx->src[in] : '\0';
    enum tok_kind kind = kind_of_sigil(sigil);
    size_t body = kind == T_VAR ? in : in + 1;
    char tail = sigil == '{' ? '}' : sigil == '=' ? '=' : '\0';
    long end = find_tag_end(lx, body, tail);
    if (end < 0)
        return mc_diag_set(lx->d, lx->file, line, 0,
                           "unclosed tag: '%.*s' opened here has no closing '%.*s'",
                           (int)lx->open_n, lx->open, (int)lx->close_n, lx->close);
    size_t stop = (size_t)end + (tail ? 1 : 0) + lx->close_n;
    lx->line += count_newlines(lx->src + at, stop - at);
    lx->pos = stop;
    if (kind == T_DELIM && lex_set_delims(lx, lx->src + body, (size_t)end - body, line))
        return -1;
    struct token t = {0};
    t.kind = kind;
    t.s = lx->src + body;
    t.n = (size_t)end - body;
    t.line = line;
    trim(&t.s, &t.n);
    if (kind == T_PARTIAL || kind == T_PARENT || kind == T_CLOSE)
        take_dynamic(&t);
    if (kind != T_COMMENT && kind != T_DELIM && t.n == 0)
        return mc_diag_set(lx->d, lx->file, line, 0,
                           "empty tag: write a name between the delimiters");
    if (toklist_push(lx->toks, t)) return mc_diag_oom(lx->d, lx->file);
    return 0;
}

static int tokenize(const char *src, size_t len, const char *file,
                    struct toklist *toks, mc_diag *d)
{
    struct lexer lx = {src, len, file, 0, 1, "{{", "}}", 2, 2, toks, d};
    while (lx.pos < len) {
        long at = find_at(src, len, lx.pos, lx.open, lx.open_n);
        size_t text_end = at < 0 ? len : (size_t)at;
        if (lex_text(&lx, lx.pos, text_end)) return -1;
        if (at < 0) break;
        if (lex_tag(&lx, (size_t)at)) return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Standalone lines                                                    */

static int is_interpolation(enum tok_kind k) { return k == T_VAR || k == T_RAW; }

/* Whether text token t is only blanks, allowing a final "\n" or "\r\n". */
static int text_is_blank(const struct token *t)
{
    size_t n = t->n;
    if (n && t->s[n - 1] == '\n') {
        n--;
        if (n && t->s[n - 1] == '\r') n--;
    }
    for (size_t i = 0; i < n; i++)
        if (!is_blank(t->s[i])) return 0;
    return 1;
}

static int ends_line(const struct token *t)
{
    return t->kind == T_TEXT && t->n && t->s[t->n - 1] == '\n';
}

/* Tracks open tags so a closing tag knows whether it closes a parent. */
struct open_kinds {
    enum tok_kind *v;
    size_t n;
};

static int touches_parent(struct open_kinds *ok, const struct token *t)
{
    if (t->kind == T_SECTION || t->kind == T_INVERTED || t->kind == T_BLOCK ||
        t->kind == T_PARENT)
        ok->v[ok->n++] = t->kind;
    if (t->kind == T_PARENT) return 1;
    if (t->kind == T_CLOSE && ok->n) return ok->v[--ok->n] == T_PARENT;
    return 0;
}

/* Looks at tokens [from, to), one source line, and marks it standalone if
 * it qualifies; also records each first tag's leading whitespace. */
static void mark_line(struct token *v, size_t from, size_t to,
                      struct open_kinds *ok)
{
    size_t tags = 0, parents = 0;
    int blank = 1, eligible = 1;
    const struct token *lead = NULL;
    if (v[from].kind == T_TEXT && text_is_blank(&v[from]) && !ends_line(&v[from]))
        lead = &v[from];
    for (size_t i = from; i < to; i++) {
        struct token *t = &v[i];
        if (t->kind == T_TEXT) {
            blank = blank && text_is_blank(t);
            continue;
        }
        if (tags == 0 && (i == from || &v[i - 1] == lead)) {
            t->lead = lead ? lead->s : "";
            t->lead_n = lead ? lead->n : 0;
        }
        tags++;
        parents += (size_t)touches_parent(ok, t);
        if (is_interpolation(t->kind)) eligible = 0;
    }
    if (!blank || !eligible || tags == 0 || (tags > 1 && parents == 0)) return;
    for (size_t i = from; i < to; i++) {
        if (v[i].kind == T_TEXT) {
            v[i].removed = 1;
        } else {
            v[i].standalone = 1;
            v[i].lead = lead ? lead->s : "";
            v[i].lead_n = lead ? lead->n : 0;
        }
    }
}

static int mark_standalone(struct toklist *toks, const char *file, mc_diag *d)
{
    struct open_kinds ok = {malloc((toks->n + 1) * sizeof *ok.v), 0};
    if (!ok.v) return mc_diag_oom(d, file);
    size_t i = 0;
    while (i < toks->n) {
        size_t j = i;
        while (j < toks->n && !ends_line(&toks->v[j])) j++;
        if (j < toks->n) j++;
        mark_line(toks->v, i, j, &ok);
        i = j;
    }
    free(ok.v);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Tree                                                               */

enum node_kind { N_ROOT, N_TEXT, N_VAR, N_SECTION, N_INVERTED, N_PARTIAL, N_PARENT, N_BLOCK };

struct node {
    enum node_kind kind;
    int line;
    char *text;          /* TEXT: the bytes; others: the name as written */
    size_t len;
    char **path;         /* the name split at '.'; npath 0 for "." */
    size_t npath;
    int escape;          /* VAR: HTML-escape the value */
    int dynamic;         /* PARTIAL/PARENT: name is looked up in the data */
    int standalone;      /* tag was alone on its line */
    int at_line_start;   /* TEXT: begins at the start of a source line */
    int inline_slot;     /* BLOCK: not standalone; first line not indented */
    char *indent;        /* PARTIAL/PARENT: standalone indentation; BLOCK: slot indentation */
    size_t def_indent;   /* BLOCK as override: indentation stripped from its lines */
    const char *lead;    /* while building: the tag's leading whitespace */
    size_t lead_n;
    struct node *kids;
    size_t nkids, capkids;
};

struct mc_tmpl {
    char *name;          /* lookup name */
    char *file;          /* name used in messages (a path for the directory loader) */
    int missing;         /* cached "not found" */
    struct node root;
    struct mc_tmpl *next;
};

struct mc_tmpl_set {
    char *dir;           /* directory loader, or NULL */
    char *confine;       /* where its template links may lead; NULL = dir */
    json_t *partials;    /* JSON loader, or NULL */
    int strict;
    mc_tmpl *cache;      /* loaded by name */
    mc_tmpl *parsed;     /* from mc_tmpl_parse */
};

static void node_free(struct node *n)
{
    free(n->text);
    for (size_t i = 0; i < n->npath; i++) free(n->path[i]);
    free(n->path);
    free(n->indent);
    for (size_t i = 0; i < n->nkids; i++) node_free(&n->kids[i]);
    free(n->kids);
}

static int node_add_kid(struct node *parent, struct node *kid)
{
    struct node *grown = mc_grow(parent->kids, parent->nkids, &parent->capkids, sizeof *grown, 4);
    if (!grown) return -1;
    parent->kids = grown;
    parent->kids[parent->nkids++] = *kid;
    return 0;
}

/* Splits name at '.' into n->path ("." gives an empty path). */
static int split_name(struct node *n)
{
    if (strcmp(n->text, ".") == 0) return 0;
    size_t parts = 1;
    for (const char *p = n->text; *p; p++) parts += *p == '.';
    n->path = calloc(parts, sizeof *n->path);
    if (!n->path) return -1;
    const char *start = n->text;
    for (;;) {
        const char *dot = strchr(start, '.');
        size_t len = dot ? (size_t)(dot - start) : strlen(start);
        n->path[n->npath] = strndup(start, len);
        if (!n->path[n->npath]) return -1;
        n->npath++;
        if (!dot) break;
        start = dot + 1;
    }
    return 0;
}

static enum node_kind node_kind_of(enum tok_kind k)
{
    switch (k) {
    case T_SECTION: return N_SECTION;
    case T_INVERTED: return N_INVERTED;
    case T_PARTIAL: return N_PARTIAL;
    case T_PARENT: return N_PARENT;
    case T_BLOCK: return N_BLOCK;
    default: return N_VAR;
    }
}

/* A node for a tag token (not TEXT, CLOSE, COMMENT). */
static int node_from_tag(const struct token *t, struct node *n)
{
    memset(n, 0, sizeof *n);
    n->kind = node_kind_of(t->kind);
    n->line = t->line;
    n->escape = t->kind == T_VAR;
    n->dynamic = t->dynamic;
    n->standalone = t->standalone;
    if (n->kind == N_BLOCK) { /* used by finish_block while the source lives */
        n->lead = t->lead;
        n->lead_n = t->lead_n;
    }
    n->text = strndup(t->s, t->n);
    if (!n->text) return -1;
    n->len = t->n;
    if (n->kind == N_PARTIAL || n->kind == N_PARENT) {
        if (t->standalone && !(n->indent = strndup(t->lead, t->lead_n))) return -1;
        if (!n->dynamic) return 0;
    }
    if (n->kind == N_BLOCK) return 0;
    return split_name(n);
}

/* Appends text token t to the last kid if that is text, else adds a node. */
static int add_text(struct node *parent, const struct token *t)
{
    struct node *last = parent->nkids ? &parent->kids[parent->nkids - 1] : NULL;
    if (last && last->kind == N_TEXT) {
        char *p = realloc(last->text, last->len + t->n + 1);
        if (!p) return -1;
        memcpy(p + last->len, t->s, t->n);
        last->len += t->n;
        p[last->len] = '\0';
        last->text = p;
        return 0;
    }
    struct node n = {0};
    n.kind = N_TEXT;
    n.line = t->line;
    n.at_line_start = t->bol;
    n.text = strndup(t->s, t->n);
    n.len = t->n;
    if (!n.text || node_add_kid(parent, &n)) {
        free(n.text);
        return -1;
    }
    return 0;
}

static size_t blank_prefix(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_blank(s[i])) i++;
    return i;
}

/* Once a block's content is known: its indentation as a slot and as an
 * override (see the top of the file). */
static int finish_block(struct node *b)
{
    const struct node *first = b->nkids ? &b->kids[0] : NULL;
    int text_first = first && first->kind == N_TEXT && first->at_line_start;
    const char *ind = b->lead ? b->lead : "";
    size_t ind_n = b->lead ? b->lead_n : 0;
    if (b->standalone && text_first) {
        ind = first->text;
        ind_n = blank_prefix(first->text, first->len);
        b->def_indent = ind_n;
    }
    b->inline_slot = !b->standalone;
    b->indent = strndup(ind, ind_n);
    b->lead = NULL;
    return b->indent ? 0 : -1;
}

/* Stack of nodes being built: [0] is the root, the top the innermost open. */
struct build {
    struct node *v;
    size_t n, cap;
    const char *file;
    mc_diag *d;
};

static int build_open(struct build *b, const struct token *t)
{
    if (b->n > MC_TMPL_MAX_DEPTH)
        return mc_diag_set(b->d, b->file, t->line, 0,
                           "sections nested more than %d deep; simplify the template",
                           MC_TMPL_MAX_DEPTH);
    if (b->n == b->cap) {
        size_t cap = b->cap * 2;
        struct node *v = realloc(b->v, cap * sizeof *v);
        if (!v) return mc_diag_oom(b->d, b->file);
        b->v = v;
        b->cap = cap;
    }
    if (node_from_tag(t, &b->v[b->n])) {
        node_free(&b->v[b->n]);
        return mc_diag_oom(b->d, b->file);
    }
    b->n++;
    return 0;
}

static const char *open_sigil(enum node_kind k)
{
    switch (k) {
    case N_INVERTED: return "^";
    case N_PARENT: return "<";
    case N_BLOCK: return "$";
    default: return "#";
    }
}

static int build_close(struct build *b, const struct token *t)
{
    if (b->n == 1)
        return mc_diag_set(b->d, b->file, t->line, 0,
                           "closing tag {{/%s%.*s}} has no open section; remove it or "
                           "add the opening tag", t->dynamic ? "*" : "", (int)t->n, t->s);
    struct node *top = &b->v[b->n - 1];
    if (top->len != t->n || memcmp(top->text, t->s, t->n) != 0 ||
        top->dynamic != t->dynamic)
        return mc_diag_set(b->d, b->file, t->line, 0,
                           "closing tag {{/%s%.*s}} does not match the open section "
                           "{{%s%s%s}} (opened on line %d); close that one first",
                           t->dynamic ? "*" : "", (int)t->n, t->s, open_sigil(top->kind),
                           top->dynamic ? "*" : "", top->text, top->line);
    if (top->kind == N_BLOCK && finish_block(top)) return mc_diag_oom(b->d, b->file);
    if (node_add_kid(&b->v[b->n - 2], top)) return mc_diag_oom(b->d, b->file);
    b->n--;
    return 0;
}

static int build_token(struct build *b, const struct token *t)
{
    struct node n;
    switch (t->kind) {
    case T_TEXT:
        if (t->removed) return 0;
        return add_text(&b->v[b->n - 1], t) ? mc_diag_oom(b->d, b->file) : 0;
    case T_COMMENT:
    case T_DELIM:
        return 0;
    case T_CLOSE:
        return build_close(b, t);
    case T_SECTION:
    case T_INVERTED:
    case T_PARENT:
    case T_BLOCK:
        return build_open(b, t);
    default:
        if (node_from_tag(t, &n) || node_add_kid(&b->v[b->n - 1], &n)) {
            node_free(&n);
            return mc_diag_oom(b->d, b->file);
        }
        return 0;
    }
}

static int build_tree(const struct toklist *toks, struct node *root,
                      const char *file, mc_diag *d)
{
    struct build b = {calloc(8, sizeof(struct node)), 1, 8, file, d};
    if (!b.v) return mc_diag_oom(d, file);
    b.v[0].kind = N_ROOT;
    int rc = 0;
    for (size_t i = 0; i < toks->n && rc == 0; i++)
        rc = build_token(&b, &toks->v[i]);
    if (rc == 0 && b.n > 1) {
        struct node *top = &b.v[b.n - 1];
        rc = mc_diag_set(d, file, top->line, 0,
                         "unclosed section {{%s%s%s}} opened on line %d; add "
                         "{{/%s%s}} where it should end", open_sigil(top->kind),
                         top->dynamic ? "*" : "", top->text, top->line,
                         top->dynamic ? "*" : "", top->text);
    }
    for (size_t i = 1; i < b.n; i++) node_free(&b.v[i]);
    if (rc == 0) *root = b.v[0];
    else node_free(&b.v[0]);
    free(b.v);
    return rc;
}

/* Parses text into t->root (t->file names it in messages). */
static int parse_into(mc_tmpl *t, const char *text, size_t len, mc_diag *d)
{
    if (mc_utf8_check(text, len, t->file, 1, d)) return -1;
    struct toklist toks = {0};
    int rc = tokenize(text, len, t->file, &toks, d);
    if (rc == 0) rc = mark_standalone(&toks, t->file, d);
    if (rc == 0) rc = build_tree(&toks, &t->root, t->file, d);
    free(toks.v);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Template sets and loaders                                           */

static void tmpl_free(mc_tmpl *t)
{
    free(t->name);
    free(t->file);
    node_free(&t->root);
    free(t);
}

static mc_tmpl *tmpl_new(const char *name, const char *file)
{
    mc_tmpl *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->root.kind = N_ROOT;
    t->name = strdup(name);
    t->file = strdup(file);
    if (!t->name || !t->file) {
        tmpl_free(t);
        return NULL;
    }
    return t;
}

static mc_tmpl_set *set_new(int strict)
{
    mc_tmpl_set *s = calloc(1, sizeof *s);
    if (s) s->strict = strict;
    return s;
}

mc_tmpl_set *mc_tmpl_set_new_dir(const char *dir, int strict)
{
    mc_tmpl_set *s = set_new(strict);
    if (!s) return NULL;
    s->dir = strdup(dir ? dir : ".");
    if (!s->dir) {
        free(s);
        return NULL;
    }
    return s;
}

int mc_tmpl_set_confine(mc_tmpl_set *set, const char *confine)
{
    free(set->confine);
    set->confine = strdup(confine);
    return set->confine ? 0 : -1;
}

mc_tmpl_set *mc_tmpl_set_new_json(json_t *partials, int strict)
{
    mc_tmpl_set *s = set_new(strict);
    if (s) s->partials = json_incref(partials);
    return s;
}

static void tmpl_list_free(mc_tmpl *t)
{
    while (t) {
        mc_tmpl *next = t->next;
        tmpl_free(t);
        t = next;
    }
}

void mc_tmpl_set_free(mc_tmpl_set *set)
{
    if (!set) return;
    tmpl_list_free(set->cache);
    tmpl_list_free(set->parsed);
    json_decref(set->partials);
    free(set->dir);
    free(set->confine);
    free(set);
}


mc_tmpl *mc_tmpl_parse(mc_tmpl_set *set, const char *name, const char *text,
                       size_t len, mc_diag *d)
{
    mc_tmpl *t = tmpl_new(name ? name : "(template)", name ? name : "(template)");
    if (!t) {
        mc_diag_oom(d, name);
        return NULL;
    }
    if (parse_into(t, text, len, d)) {
        tmpl_free(t);
        return NULL;
    }
    t->next = set->parsed;
    set->parsed = t;
    return t;
}

/* Names must stay inside the directory. */
static int name_is_safe(const char *name)
{
    return name[0] != '\0' && name[0] != '/' && !strstr(name, "..") &&
           !strchr(name, '\\');
}

/* Reads a whole file. Returns 0 and *text (malloc'd), 1 when it does not
 * exist, -1 with d on other errors. */
static int read_file(const char *path, char **text, size_t *len, mc_diag *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT || errno == ENOTDIR) return 1;
        return mc_diag_set(d, path, 0, 0, "cannot read template: %s", strerror(errno));
    }
    mc_buf b = MC_BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) mc_buf_add(&b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        mc_buf_free(&b);
        return mc_diag_set(d, path, 0, 0, "cannot read template: read error");
    }
    *text = mc_buf_take(&b, len);
    return *text ? 0 : mc_diag_oom(d, path);
}

/* Creates the (not yet parsed) cache entry for name. *text gets the source,
 * or NULL when the template does not exist. */
static int load_source(mc_tmpl_set *set, const char *name, mc_tmpl **out,
                       char **text, size_t *len, mc_diag *d)
{
    *text = NULL;
    if (set->dir) {
        size_t n = strlen(set->dir) + strlen(name) + sizeof "/.mustache";
        char *path = malloc(n);
        if (!path) return mc_diag_oom(d, name);
        snprintf(path, n, "%s/%s.mustache", set->dir, name);
        struct stat st;
        int rc = lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
                         mc_link_confined(set->confine ? set->confine : set->dir, path, NULL, d) != 0
                     ? -1 : read_file(path, text, len, d);
        *out = rc < 0 ? NULL : tmpl_new(name, path);
        free(path);
        if (rc < 0) return -1;
    } else {
        json_t *v = json_object_get(set->partials, name);
        if (json_is_string(v)) {
            *len = json_string_length(v);
            *text = malloc(*len + 1);
            if (*text) memcpy(*text, json_string_value(v), *len + 1);
        }
        *out = tmpl_new(name, name);
        if (json_is_string(v) && !*text) {
            tmpl_free(*out);
            return mc_diag_oom(d, name);
        }
    }
    if (!*out) {
        free(*text);
        return mc_diag_oom(d, name);
    }
    return 0;
}

/* Finds or loads template NAME. Returns 0 with *out (NULL if it does not
 * exist), or -1 with d. */
static int set_lookup(mc_tmpl_set *set, const char *name, mc_tmpl **out,
                      const char *file, int line, mc_diag *d)
{
    for (mc_tmpl *t = set->cache; t; t = t->next)
        if (strcmp(t->name, name) == 0) {
            *out = t->missing ? NULL : t;
            return 0;
        }
    if (set->dir && !name_is_safe(name))
        return mc_diag_set(d, file, line, 0,
                           "template name '%s' is not allowed: names must stay inside "
                           "%s (no '..', no leading '/', no backslash)", name, set->dir);
    char *text = NULL;
    size_t len = 0;
    mc_tmpl *t = NULL;
    if (load_source(set, name, &t, &text, &len, d)) return -1;
    if (!text) {
        t->missing = 1;
    } else if (parse_into(t, text, len, d)) {
        free(text);
        tmpl_free(t);
        return -1;
    }
    free(text);
    t->next = set->cache;
    set->cache = t;
    *out = t->missing ? NULL : t;
    return 0;
}

static int not_found(const mc_tmpl_set *set, const char *what, const char *name,
                     const char *file, int line, mc_diag *d)
{
    if (set->dir)
        return mc_diag_set(d, file, line, 0,
                           "%s '%s' not found in %s; create %s/%s.mustache or fix the name",
                           what, name, set->dir, set->dir, name);
    return mc_diag_set(d, file, line, 0,
                       "%s '%s' not found in the partials; add it or fix the name",
                       what, name);
}

mc_tmpl *mc_tmpl_get(mc_tmpl_set *set, const char *name, mc_diag *d)
{
    mc_tmpl *t;
    if (set_lookup(set, name, &t, NULL, 0, d)) return NULL;
    if (!t && set->dir) {
        /* name the file that should exist, so the message says what to create */
        size_t n = strlen(set->dir) + strlen(name) + 16;
        char *path = malloc(n);
        if (path) snprintf(path, n, "%s/%s.mustache", set->dir, name);
        mc_diag_set(d, path ? path : name, 0, 0, "template '%s' not found; create this "
                    "file, or use a theme that has it", name);
        free(path);
    } else if (!t) {
        not_found(set, "template", name, NULL, 0, d);
    }
    return t;
}

/* Templates already checked by check_refs, so shared partials and cycles
 * are walked once. */
struct checked {
    const mc_tmpl **items;
    size_t count, cap;
};

static int checked_add(struct checked *c, const mc_tmpl *t)
{
    for (size_t i = 0; i < c->count; i++)
        if (c->items[i] == t) return 0;
    const mc_tmpl **grown = mc_grow(c->items, c->count, &c->cap, sizeof *grown, 16);
    if (!grown) return 0;
    c->items = grown;
    c->items[c->count++] = t;
    return 1;
}

static int check_nodes(mc_tmpl_set *set, const mc_tmpl *t, const struct node *nd,
                       struct checked *seen, mc_diag *d);

static int check_template(mc_tmpl_set *set, const mc_tmpl *t, struct checked *seen, mc_diag *d)
{
    if (!checked_add(seen, t)) return 0;
    return check_nodes(set, t, &t->root, seen, d);
}

static int check_nodes(mc_tmpl_set *set, const mc_tmpl *t, const struct node *nd,
                       struct checked *seen, mc_diag *d)
{
    for (size_t i = 0; i < nd->nkids; i++) {
        const struct node *k = &nd->kids[i];
        if ((k->kind == N_PARTIAL || k->kind == N_PARENT) && !k->dynamic) {
            mc_tmpl *found = NULL;
            const char *what = k->kind == N_PARTIAL ? "partial" : "parent";
            if (set_lookup(set, k->text, &found, t->file, k->line, d)) return -1;
            if (!found) return not_found(set, what, k->text, t->file, k->line, d);
            if (check_template(set, found, seen, d)) return -1;
        }
        if (check_nodes(set, t, k, seen, d)) return -1;
    }
    return 0;
}

int mc_tmpl_check_refs(mc_tmpl_set *set, const mc_tmpl *t, mc_diag *d)
{
    struct checked seen = {0};
    int status = check_template(set, t, &seen, d);
    free(seen.items);
    return status;
}

/* ------------------------------------------------------------------ */
/* Rendering                                                          */

/* One parent tag's overrides; frames chain outwards (higher precedence). */
struct scope {
    const struct node *parent_tag;
    const mc_tmpl *tmpl;         /* template the tag is in */
    const struct scope *outer;
};

struct render {
    mc_tmpl_set *set;
    mc_buf out;
    json_t **stack;              /* context stack, borrowed values */
    size_t nstack, capstack;
    const mc_tmpl *tmpl;         /* template whose nodes are being rendered */
    const struct scope *scope;
    char *prefix;                /* indentation written at each template line start */
    size_t strip;                /* blanks removed from each source line start */
    int need_prefix;             /* output is at a template line start */
    int depth;                   /* partial/parent/block nesting */
    mc_diag *d;
};

static int render_nodes(struct render *r, const struct node *nodes, size_t n);

static int push_ctx(struct render *r, json_t *v)
{
    json_t **grown = mc_grow(r->stack, r->nstack, &r->capstack, sizeof *grown, 16);
    if (!grown) return mc_diag_oom(r->d, r->tmpl->file);
    r->stack = grown;
    r->stack[r->nstack++] = v;
    return 0;
}

/* Resolves a split name against the context stack; NULL when missing. */
static json_t *lookup(const struct render *r, char **path, size_t npath)
{
    if (npath == 0) return r->nstack ? r->stack[r->nstack - 1] : NULL;
    json_t *v = NULL;
    for (size_t i = r->nstack; i-- > 0;) {
        v = json_object_get(r->stack[i], path[0]); /* NULL if not an object */
        if (v) break;
    }
    for (size_t k = 1; v && k < npath; k++) v = json_object_get(v, path[k]);
    return v;
}

static int is_falsey(const json_t *v)
{
    return !v || json_is_false(v) || json_is_null(v) ||
           (json_is_array(v) && json_array_size(v) == 0);
}

/* Shortest "%.Ng" that reads back as the same double. */
static void format_real(double x, char *out, size_t n)
{
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(out, n, "%.*g", prec, x);
        if (strtod(out, NULL) == x) return;
    }
}

/* The text of a scalar value; "" for null, objects and arrays. */
static const char *value_text(const json_t *v, char *tmp, size_t n, size_t *len)
{
    const char *s = "";
    if (json_is_string(v)) {
        *len = json_string_length(v);
        return json_string_value(v);
    }
    if (json_is_integer(v)) {
        snprintf(tmp, n, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        s = tmp;
    } else if (json_is_real(v)) {
        format_real(json_real_value(v), tmp, n);
        s = tmp;
    } else if (json_is_true(v)) {
        s = "true";
    } else if (json_is_false(v)) {
        s = "false";
    }
    *len = strlen(s);
    return s;
}

static void put_escaped(mc_buf *b, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        mc_buf_add(b, s + from, i - from);
        mc_buf_adds(b, rep);
        from = i + 1;
    }
    mc_buf_add(b, s + from, n - from);
}

static void put_prefix(struct render *r)
{
    if (r->need_prefix) {
        mc_buf_adds(&r->out, r->prefix);
        r->need_prefix = 0;
    }
}

static void render_text(struct render *r, const struct node *nd)
{
    const char *s = nd->text;
    size_t n = nd->len, i = 0;
    int bol = nd->at_line_start;
    while (i < n) {
        for (size_t k = 0; bol && k < r->strip && i < n && is_blank(s[i]); k++) i++;
        size_t j = i;
        while (j < n && s[j] != '\n') j++;
        if (j < n) j++;
        if (j > i) {
            put_prefix(r);
            mc_buf_add(&r->out, s + i, j - i);
            if (s[j - 1] == '\n') r->need_prefix = 1;
        }
        bol = 1;
        i = j;
    }
}

static void render_var(struct render *r, const struct node *nd)
{
    char tmp[64];
    size_t len;
    const char *s = value_text(lookup(r, nd->path, nd->npath), tmp, sizeof tmp, &len);
    if (len == 0) return;
    put_prefix(r);
    if (nd->escape) put_escaped(&r->out, s, len);
    else mc_buf_add(&r->out, s, len);
}

static int render_section(struct render *r, const struct node *nd)
{
    json_t *v = lookup(r, nd->path, nd->npath);
    if (nd->kind == N_INVERTED)
        return is_falsey(v) ? render_nodes(r, nd->kids, nd->nkids) : 0;
    if (is_falsey(v)) return 0;
    size_t count = json_is_array(v) ? json_array_size(v) : 1;
    for (size_t i = 0; i < count; i++) {
        json_t *item = json_is_array(v) ? json_array_get(v, i) : v;
        if (push_ctx(r, item)) return -1;
        int rc = render_nodes(r, nd->kids, nd->nkids);
        r->nstack--;
        if (rc) return -1;
    }
    return 0;
}

/* Saved indentation state around a nested template or block. */
struct indent_save {
    char *prefix;
    size_t strip;
};

/* New prefix = current prefix + ind without the blanks being stripped. */
static int indent_push(struct render *r, const char *ind, struct indent_save *sv)
{
    size_t n = strlen(ind), skip = r->strip < n ? r->strip : n;
    size_t plen = strlen(r->prefix);
    char *p = malloc(plen + n - skip + 1);
    if (!p) return mc_diag_oom(r->d, r->tmpl->file);
    memcpy(p, r->prefix, plen);
    memcpy(p + plen, ind + skip, n - skip + 1);
    sv->prefix = r->prefix;
    sv->strip = r->strip;
    r->prefix = p;
    return 0;
}

static void indent_pop(struct render *r, const struct indent_save *sv)
{
    free(r->prefix);
    r->prefix = sv->prefix;
    r->strip = sv->strip;
}

static int too_deep(struct render *r, const struct node *nd, const char *what,
                    const char *name)
{
    if (r->depth < MC_TMPL_MAX_DEPTH) return 0;
    return mc_diag_set(r->d, r->tmpl->file, nd->line, 0,
                       "%s '%s' includes itself more than %d levels deep; check for "
                       "a %s that includes itself", what, name, MC_TMPL_MAX_DEPTH, what);
}

/* The name a partial or parent tag refers to; NULL when a dynamic name does
 * not resolve to a string. */
static const char *target_name(const struct render *r, const struct node *nd)
{
    if (!nd->dynamic) return nd->text;
    json_t *v = lookup(r, nd->path, nd->npath);
    if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
        return NULL;
    return json_string_value(v);
}

/* Finds the template a partial/parent tag names. 0 with *t (NULL: render
 * nothing), or -1 with the error. */
static int resolve_target(struct render *r, const struct node *nd, const char *what,
                          const mc_tmpl **t)
{
    const char *name = target_name(r, nd);
    mc_tmpl *found = NULL;
    *t = NULL;
    if (!name) {
        if (!r->set->strict) return 0;
        return mc_diag_set(r->d, r->tmpl->file, nd->line, 0,
                           "dynamic %s name '%s' is not a string in the data; set it "
                           "to the name of a template", what, nd->text);
    }
    if (set_lookup(r->set, name, &found, r->tmpl->file, nd->line, r->d)) return -1;
    if (!found && r->set->strict)
        return not_found(r->set, what, name, r->tmpl->file, nd->line, r->d);
    *t = found;
    return 0;
}

/* Renders template t's nodes in place of tag nd (a partial or parent). */
static int render_template(struct render *r, const struct node *nd, const mc_tmpl *t,
                           const struct scope *scope)
{
    struct indent_save sv = {0};
    if (indent_push(r, nd->standalone ? nd->indent : "", &sv)) return -1;
    if (nd->standalone) r->need_prefix = 1;
    r->strip = 0;
    const mc_tmpl *saved_tmpl = r->tmpl;
    const struct scope *saved_scope = r->scope;
    r->tmpl = t;
    r->scope = scope;
    r->depth++;
    int rc = render_nodes(r, t->root.kids, t->root.nkids);
    r->depth--;
    r->tmpl = saved_tmpl;
    r->scope = saved_scope;
    indent_pop(r, &sv);
    return rc;
}

static int render_partial(struct render *r, const struct node *nd)
{
    const mc_tmpl *t;
    if (resolve_target(r, nd, "partial", &t)) return -1;
    if (!t) return 0;
    if (too_deep(r, nd, "partial", t->name)) return -1;
    return render_template(r, nd, t, r->scope);
}

static int render_parent(struct render *r, const struct node *nd)
{
    const mc_tmpl *t;
    if (resolve_target(r, nd, "parent", &t)) return -1;
    if (!t) return 0;
    if (too_deep(r, nd, "parent", t->name)) return -1;
    struct scope frame = {nd, r->tmpl, r->scope};
    return render_template(r, nd, t, &frame);
}

/* The override for block `name`, outermost frame first; NULL if none. */
static const struct node *find_override(const struct scope *s, const char *name,
                                        const mc_tmpl **tmpl)
{
    if (!s) return NULL;
    const struct node *b = find_override(s->outer, name, tmpl);
    if (b) return b;
    for (size_t i = 0; i < s->parent_tag->nkids; i++) {
        const struct node *k = &s->parent_tag->kids[i];
        if (k->kind == N_BLOCK && strcmp(k->text, name) == 0) {
            *tmpl = s->tmpl;
            return k;
        }
    }
    return NULL;
}

static int render_block(struct render *r, const struct node *slot)
{
    const mc_tmpl *owner = NULL;
    const struct node *over = find_override(r->scope, slot->text, &owner);
    if (!over) return render_nodes(r, slot->kids, slot->nkids);
    if (too_deep(r, slot, "block", slot->text)) return -1;
    struct indent_save sv = {0};
    if (indent_push(r, slot->indent, &sv)) return -1;
    if (!slot->inline_slot) r->need_prefix = 1;
    r->strip = over->def_indent;
    const mc_tmpl *saved_tmpl = r->tmpl;
    r->tmpl = owner;
    r->depth++;
    int rc = render_nodes(r, over->kids, over->nkids);
    r->depth--;
    r->tmpl = saved_tmpl;
    indent_pop(r, &sv);
    return rc;
}

static int render_node(struct render *r, const struct node *nd)
{
    switch (nd->kind) {
    case N_TEXT: render_text(r, nd); return 0;
    case N_VAR: render_var(r, nd); return 0;
    case N_SECTION:
    case N_INVERTED: return render_section(r, nd);
    case N_PARTIAL: return render_partial(r, nd);
    case N_PARENT: return render_parent(r, nd);
    case N_BLOCK: return render_block(r, nd);
    default: return 0;
    }
}

static int render_nodes(struct render *r, const struct node *nodes, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (render_node(r, &nodes[i])) return -1;
        if (r->out.oom) return mc_diag_oom(r->d, r->tmpl->file);
    }
    return 0;
}

char *mc_tmpl_render(mc_tmpl_set *set, const mc_tmpl *t, json_t *data,
                     size_t *len_out, mc_diag *d)
{
    struct render r = {0};
    r.set = set;
    r.tmpl = t;
    r.d = d;
    r.need_prefix = 1;
    r.prefix = strdup("");
    int rc = r.prefix ? 0 : mc_diag_oom(d, t->file);
    if (rc == 0 && data) rc = push_ctx(&r, data);
    if (rc == 0) rc = render_nodes(&r, t->root.kids, t->root.nkids);
    free(r.prefix);
    free(r.stack);
    if (rc) {
        mc_buf_free(&r.out);
        return NULL;
    }
    char *out = mc_buf_take(&r.out, len_out);
    if (!out) mc_diag_oom(d, t->file);
    return out;
}
