/* fields.c — the front-matter keys of each page kind (see fields.h), and
 * the few functions that read a table: shapes, Vietnamese spellings of
 * choices, the skeleton of `motcua new`.
 *
 * The procedure keys follow the national procedure record (Nghị định
 * 63/2010, Điều 8 khoản 2; Thông tư 02/2017/TT-VPCP): every part it asks a
 * portal to publish is `required`. Their order is the order of the parts
 * on the record, which is also the order `motcua new` writes them and the
 * order of the messages about missing parts.
 */
#include "fields.h"
#include "money.h"
#include "yesno.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- allowed values ---- */

static const mc_choice levels[] = {
    {"tinh", "Cấp tỉnh", "Province level", "tỉnh|thành phố trực thuộc trung ương", 0},
    {"huyen", "Cấp huyện", "District level", "huyện|quận|thị xã", 0},
    {"xa", "Cấp xã", "Commune level", "xã|phường|đặc khu|thị trấn", 0},
    {NULL, NULL, NULL, NULL, 0},
};

static const mc_choice online_levels[] = {
    {"toan_trinh", "Toàn trình", "Fully online", "trực tuyến toàn trình", 0},
    {"mot_phan", "Một phần", "Partly online", "trực tuyến một phần", 0},
    {"none", "Không có", "No online service", "không|không có dịch vụ công trực tuyến", 0},
    {NULL, NULL, NULL, NULL, 0},
};

static const mc_choice channel_kinds[] = {
    {"truc_tiep", "Trực tiếp", "In person", "nộp trực tiếp", 0},
    {"truc_tuyen", "Trực tuyến", "Online", "nộp trực tuyến|qua mạng", 0},
    {"buu_chinh", "Bưu chính", "By post", "qua bưu chính|bưu chính công ích|bưu điện", 0},
    {NULL, NULL, NULL, NULL, 0},
};

static const mc_choice originals[] = {
    {"ban_chinh", "Bản chính", "Original", "bản gốc", 0},
    {"ban_sao", "Bản sao", "Copy", "bản sao chứng thực|bản chụp", 0},
    {"ban_chinh_hoac_ban_sao", "Bản chính hoặc bản sao", "Original or copy", "bản sao hoặc bản chính", 0},
    {NULL, NULL, NULL, NULL, 0},
};

static const mc_choice statuses[] = {
    {"dang_ap_dung", "Đang áp dụng", "In force", "còn hiệu lực|đang có hiệu lực", 0},
    {"sua_doi", "Sửa đổi", "Amended", "sửa đổi, bổ sung|sửa đổi bổ sung", 0},
    {"bai_bo", "Bãi bỏ", "Abolished", "đã bãi bỏ", 0},
    {NULL, NULL, NULL, NULL, 0},
};

static const mc_choice priorities[] = {
    {"normal", "Thường", "Normal", "bình thường", 0},
    {"urgent", "Khẩn", "Urgent", NULL, 0},
    {"emergency", "Khẩn cấp", "Emergency", NULL, 0},
    {NULL, NULL, NULL, NULL, 0},
};

/* Kinds of legal documents (hình thức văn bản, Luật Ban hành văn bản quy
 * phạm pháp luật; administrative documents, Nghị định 30/2020/NĐ-CP). */
static const mc_choice doc_types[] = {
    {"luat", "Luật", "Law", "bộ luật", 0},
    {"nghi_quyet", "Nghị quyết", "Resolution", NULL, 0},
    {"nghi_dinh", "Nghị định", "Decree", NULL, 0},
    {"quyet_dinh", "Quyết định", "Decision", NULL, 0},
    {"thong_tu", "Thông tư", "Circular", NULL, 0},
    {"chi_thi", "Chỉ thị", "Directive", NULL, 0},
    {"ke_hoach", "Kế hoạch", "Plan", NULL, 0},
    {"cong_van", "Công văn", "Official letter", NULL, 0},
    {"van_ban_khac", "Văn bản khác", "Other document", "khác", 0},
    {NULL, NULL, NULL, NULL, 0},
};

/* A document's status (tình trạng hiệu lực), as the national legal
 * database writes it. */
static const mc_choice doc_statuses[] = {
    {"chua_hieu_luc", "Chưa có hiệu lực", "Not yet in force", "chưa hiệu lực", 0},
    {"con_hieu_luc", "Còn hiệu lực", "In force", "đang có hiệu lực", 0},
    {"het_hieu_luc_mot_phan", "Hết hiệu lực một phần", "Partly no longer in force", NULL, 0},
    {"het_hieu_luc", "Hết hiệu lực", "No longer in force", "hết hiệu lực toàn bộ", 1},
    {"ngung_hieu_luc", "Ngưng hiệu lực", "Suspended", NULL, 1},
    {NULL, NULL, NULL, NULL, 0},
};

/* ---- items of lists ---- */

static const mc_field channel_items[] = {
    {"kind", "Cách thức thực hiện", "Channel", MC_F_CHOICE, channel_kinds, NULL, 1, 0, 0,
     "kind: truc_tiep", NULL, NULL, 0},
    {"time", "Thời hạn giải quyết", "Processing time", MC_F_TEXT, NULL, NULL, 0, 0, 0,
     "time: \"05 ngày làm việc\"", NULL, NULL, 0},
    {"fee", "Phí, lệ phí theo cách thức", "Fee for this channel", MC_F_MONEY, NULL, NULL, 0, 0, 0, "fee: 0", NULL, NULL, 0},
    {"note", "Ghi chú", "Note", MC_F_TEXT, NULL, NULL, 0, 0, 0, "note: \"...\"", NULL, NULL, 0},
    {NULL, NULL, NULL, 0, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, 0},
};

static const mc_field document_items[] = {
    {"name", "Tên giấy tờ", "Document", MC_F_TEXT, NULL, NULL, 1, 0, 0,
     "name: \"Tờ khai đăng ký khai sinh\"", NULL, NULL, 0},
    {"copies", "Số lượng", "Copies", MC_F_COUNT, NULL, NULL, 0, 0, 0, "copies: 1", NULL, NULL, 0},
    {"original", "Bản chính hay bản sao", "Original or copy", MC_F_CHOICE, originals, NULL, 0, 0, 0, "original: ban_chinh", NULL, NULL, 0},
    {"form", "Mẫu đơn, tờ khai", "Form", MC_F_FILE, NULL, NULL, 0, 0, 0,
     "form: to-khai.docx", NULL, NULL, 0},
    {"note", "Ghi chú", "Note", MC_F_TEXT, NULL, NULL, 0, 0, 0, "note: \"...\"", NULL, NULL, 0},
    {NULL, NULL, NULL, 0, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, 0},
};

static const mc_field fee_items[] = {
    {"name", "Tên phí, lệ phí", "Fee", MC_F_TEXT, NULL, NULL, 0, 0, 0, "name: \"Lệ phí\"",
     NULL, NULL, 0},
    {"amount", "Phí, lệ phí", "Amount (VND)", MC_F_MONEY, NULL, NULL, 1, 0, 0,
     "amount: 8000", NULL, NULL, 0},
    {"note", "Ghi chú", "Note", MC_F_TEXT, NULL, NULL, 0, 0, 0, "note: \"...\"", NULL, NULL, 0},
    {NULL, NULL, NULL, 0, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, 0},
};

static const mc_field form_items[] = {
    {"title", "Tên mẫu", "Title", MC_F_TEXT, NULL, NULL, 0, 0, 0, "title: \"Tờ khai\"", NULL,
     NULL, 0},
    {"file", "Tệp mẫu", "File", MC_F_FILE, NULL, NULL, 1, 0, 0, "file: to-khai.docx", NULL,
     NULL, 0},
    {NULL, NULL, NULL, 0, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, 0},
};

static const mc_field legal_items[] = {
    {"title", "Tên văn bản", "Title", MC_F_TEXT, NULL, NULL, 1, 0, 0,
     "title: \"Luật Hộ tịch số 60/2014/QH13\"", NULL, NULL, 0},
    {"number", "Số hiệu", "Number", MC_F_TEXT, NULL, NULL, 0, 0, 0, "number: \"60/2014/QH13\"",
     NULL, NULL, 0},
    {"url", "Địa chỉ văn bản", "Address", MC_F_URL, NULL, NULL, 0, 0, 0,
     "url: \"https://vbpl.vn/...\"", NULL, NULL, 0},
    {NULL, NULL, NULL, 0, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, 0},
};

/* A procedure in a journey or among a procedure's related ones: its name,
 * or {procedure: name, note: "..."}. */
static const mc_field procedure_links[] = {
    {"procedure", "Thủ tục", "Procedure", MC_F_PROCEDURE, NULL, NULL, 1, 0, 0,
     "procedure: dang-ky-khai-sinh", NULL, NULL, 0},
    {"note", "Ghi chú", "Note", MC_F_TEXT, NULL, NULL, 0, 0, 0,
     "note: \"Trong 60 ngày kể từ ngày sinh\"", NULL, NULL, 0},
    {NULL, NULL, NULL, 0, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, 0},
};

/* ---- the kinds' keys ---- */

#define END {NULL, NULL, NULL, 0, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, 0}
#define SUMMARY(hint) \
    {"summary", "Tóm tắt", "Summary", MC_F_TEXT, NULL, NULL, 0, 0, 1, \
     "summary: \"Một hai câu nói điều chính.\"", "\"\"", hint, 0}
#define DRAFT \
    {"draft", "Bản nháp", "Draft", MC_F_BOOL, NULL, NULL, 0, 0, 1, "draft: true", "true", \
     "Bản nháp: đổi thành false để đăng", 0}
#define TAGS \
    {"tags", "Chủ đề", "Tags", MC_F_TAGS, NULL, NULL, 0, 0, 1, \
     "tags: [Cải cách hành chính]", "[]", \
     "Chủ đề, ví dụ: [Cải cách hành chính, Chuyển đổi số]", 0}

const mc_field mc_procedure_fields[] = {
    {"code", "Mã thủ tục", "Procedure code", MC_F_TEXT, NULL, NULL, 1, 0, 1,
     "code: \"1.001193.000.00.00.H42\"", "\"\"", "Mã thủ tục, ví dụ 1.001193.000.00.00.H42", 0},
    {"field", "Lĩnh vực", "Field", MC_F_TEXT, NULL, NULL, 1, 0, 1, "field: \"Hộ tịch\"", "\"\"",
     "Lĩnh vực, ví dụ Hộ tịch", 0},
    {"level", "Cấp thực hiện", "Level", MC_F_CHOICE, levels, NULL, 1, 0, 1, "level: xa", "xa",
     "Cấp thực hiện: tinh, huyen hoặc xa", 0},
    {"agency", "Cơ quan thực hiện", "Agency", MC_F_TEXT, NULL, NULL, 1, 0, 1,
     "agency: \"Ủy ban nhân dân phường, xã\"", "\"\"", "Cơ quan thực hiện", 1},
    {"audience", "Đối tượng thực hiện", "Who applies", MC_F_TEXTS, NULL, NULL, 1, 0, 1,
     "audience: [\"Cá nhân\"]", "[]", "Đối tượng thực hiện", 2},
    {"steps", "Trình tự thực hiện", "Steps", MC_F_TEXTS, NULL, NULL, 1, 0, 1,
     "steps: [\"Nộp hồ sơ tại Bộ phận Một cửa\", ...]", "[]",
     "Trình tự thực hiện, mỗi bước một dòng", 3},
    {"channels", "Cách thức thực hiện", "Channels", MC_F_LIST, NULL, channel_items, 1, 0, 1,
     "channels: [{kind: truc_tiep, time: \"...\", fee: 0}]", "[]",
     "Cách thức thực hiện: {kind: truc_tiep|truc_tuyen|buu_chinh, time, fee}", 0},
    {"online", "Dịch vụ công trực tuyến", "Online service", MC_F_CHOICE, online_levels, NULL, 0, 0, 1, "online: toan_trinh", "none", "Dịch vụ công trực tuyến: toan_trinh, mot_phan hoặc none", 0},
    {"online_url", "Địa chỉ nộp hồ sơ trực tuyến", "Online service address", MC_F_URL, NULL, NULL,
     0, 0, 0, "online_url: \"https://dichvucong.gov.vn/...\"", NULL, NULL, 0},
    {"documents", "Thành phần hồ sơ", "Documents", MC_F_LIST, NULL, document_items, 1, 1, 1,
     "documents: [{name: \"Tờ khai\", copies: 1, original: ban_chinh}]", "[]",
     "Thành phần hồ sơ: {name, copies, original, form}", 8},
    {"copies", "Số lượng hồ sơ", "Number of sets", MC_F_TEXT, NULL, NULL, 1, 0, 0,
     "copies: \"01 bộ\"", NULL, NULL, 7},
    {"processing_time", "Thời hạn giải quyết", "Processing time", MC_F_DURATION, NULL, NULL, 1, 0, 1, "processing_time: \"05 ngày làm việc\"", "\"\"",
     "Thời hạn giải quyết, có đơn vị (ngày làm việc, giờ...)", 6},
    {"processing_days", "Số ngày làm việc", "Working days", MC_F_COUNT, NULL, NULL, 0, 0, 1,
     "processing_days: 5", "0", "Số ngày làm việc, dùng để sắp xếp", 0},
    {"fees", "Phí, lệ phí", "Fees", MC_F_LIST, NULL, fee_items, 1, 0, 1,
     "fees: [{name: \"Lệ phí\", amount: 0}] (0 là miễn phí)", "[]",
     "Phí, lệ phí: {name, amount (đồng), note}; 0 là miễn phí", 9},
    {"forms", "Mẫu đơn, tờ khai", "Forms", MC_F_LIST, NULL, form_items, 0, 1, 0,
     "forms: [{title: \"Tờ khai\", file: to-khai.docx}]", NULL, NULL, 10},
    {"conditions", "Yêu cầu, điều kiện", "Conditions", MC_F_TEXTS, NULL, NULL, 0, 0, 1,
     "conditions: [\"...\"]", "[]", "Yêu cầu, điều kiện", 4},
    {"result", "Kết quả thực hiện", "Result", MC_F_TEXTS, NULL, NULL, 1, 0, 1,
     "result: \"Giấy khai sinh (bản chính)\"", "\"\"", "Kết quả thực hiện", 5},
    {"legal_basis", "Căn cứ pháp lý", "Legal basis", MC_F_LIST, NULL, legal_items, 1, 1, 1,
     "legal_basis: [{title: \"Luật Hộ tịch số 60/2014/QH13\", url: \"https://...\"}]", "[]",
     "Căn cứ pháp lý: {title (có số hiệu văn bản), url}", 11},
    {"effective", "Ngày có hiệu lực", "In force from", MC_F_DATE, NULL, NULL, 0, 0, 0,
     "effective: 2025-07-01", NULL, NULL, 0},
    {"status", "Tình trạng hiệu lực", "Status", MC_F_CHOICE, statuses, NULL, 1, 0, 1,
     "status: dang_ap_dung", "dang_ap_dung", "dang_ap_dung, sua_doi hoặc bai_bo", 0},
    {"related", "Thủ tục liên quan", "Related procedures", MC_F_LIST, NULL, procedure_links, 0, 1, 1,
     "related: [dang-ky-thuong-tru]", "[]", "Thủ tục liên quan: tên tệp của thủ tục", 0},
    DRAFT,
    END,
};

const mc_field mc_journey_fields[] = {
    SUMMARY("Một câu: khi nào cần các thủ tục này"),
    {"procedures", "Các thủ tục, theo thứ tự", "Procedures, in order", MC_F_LIST, NULL,
     procedure_links, 1, 1, 1,
     "procedures: [dang-ky-khai-sinh, dang-ky-thuong-tru]", "[]",
     "Tên tệp của từng thủ tục, theo thứ tự làm", 0},
    DRAFT,
    END,
};

const mc_field mc_news_fields[] = {
    SUMMARY("Tóm tắt một hai câu, hiện trong danh sách tin"),
    TAGS,
    DRAFT,
    END,
};

const mc_field mc_announcement_fields[] = {
    {"wards", "Phường nhận thông báo", "Wards", MC_F_WARDS, NULL, NULL, 0, 0, 1,
     "wards: [hoa-lu, nam-hoa-lu]", "all", "Phường nhận thông báo: all hoặc danh sách mã phường", 0},
    {"priority", "Mức độ ưu tiên", "Priority", MC_F_CHOICE, priorities, NULL, 0, 0, 1,
     "priority: urgent", "normal", "normal, urgent hoặc emergency", 0},
    {"slots", "Giờ phát", "Broadcast times", MC_F_DATETIMES, NULL, NULL, 0, 0, 1,
     "slots: [\"2026-12-01 06:00\"]", "[]",
     "Giờ phát, ví dụ [\"2026-12-01 06:00\", \"2026-12-01 17:00\"]", 0},
    {"repeat", "Số lần đọc nhắc lại", "Readings", MC_F_COUNT, NULL, NULL, 0, 0, 1, "repeat: 2",
     "2", "Số lần đọc nhắc lại", 0},
    {"expires", "Ngày hết hạn", "Expires", MC_F_DATE, NULL, NULL, 0, 0, 1,
     "expires: 2026-12-31", "\"\"", "Ngày hết hạn, ví dụ 2026-12-31", 0},
    {"instruction", "Lời khuyến cáo", "Instruction", MC_F_TEXT, NULL, NULL, 0, 0, 1,
     "instruction: \"Bà con chằng chống nhà cửa, không ra biển.\"", "\"\"",
     "Việc người dân cần làm ngay, một câu: hiện trên dải cảnh báo khẩn của mọi trang", 0},
    {"recording", "Bản ghi âm", "Recording", MC_F_FILE, NULL, NULL, 0, 0, 0,
     "recording: ban-tin.m4a", NULL, "Tệp ghi âm đặt cạnh index.md; phát thay giọng đọc máy", 0},
    DRAFT,
    END,
};

/* The legal documents section (Nghị định 42/2022/NĐ-CP, Điều 4: kind,
 * number and symbol, issuing body, dates of issue and effect, summary,
 * status, a file to download). The summary is the page's `summary:`
 * (trích yếu); the page's `date:` is the day it was posted on the portal. */
const mc_field mc_document_fields[] = {
    {"doc_type", "Loại văn bản", "Kind of document", MC_F_CHOICE, doc_types, NULL, 1, 0, 1,
     "doc_type: nghi_dinh", "nghi_dinh",
     "Loại văn bản: luat, nghi_quyet, nghi_dinh, quyet_dinh, thong_tu, chi_thi...", 1},
    {"number", "Số ký hiệu", "Number and symbol", MC_F_TEXT, NULL, NULL, 1, 0, 1,
     "number: \"63/2010/NĐ-CP\"", "\"\"", "Số ký hiệu, ví dụ 63/2010/NĐ-CP", 2},
    {"issuer", "Cơ quan ban hành", "Issuing body", MC_F_TEXT, NULL, NULL, 1, 0, 1,
     "issuer: \"Chính phủ\"", "\"\"", "Cơ quan ban hành, ví dụ Chính phủ", 3},
    {"issued", "Ngày ban hành", "Date of issue", MC_F_DATE, NULL, NULL, 1, 0, 1,
     "issued: 2010-06-08", "\"\"", "Ngày ban hành, năm-tháng-ngày", 0},
    {"effective", "Ngày có hiệu lực", "Date of effect", MC_F_DATE, NULL, NULL, 1, 0, 1,
     "effective: 2010-10-14", "\"\"", "Ngày có hiệu lực, năm-tháng-ngày", 0},
    {"summary", "Trích yếu", "Summary", MC_F_TEXT, NULL, NULL, 1, 0, 1,
     "summary: \"Về kiểm soát thủ tục hành chính\"", "\"\"", "Trích yếu nội dung văn bản", 0},
    {"status", "Tình trạng hiệu lực", "Status", MC_F_CHOICE, doc_statuses, NULL, 1, 0, 1,
     "status: con_hieu_luc", "con_hieu_luc",
     "con_hieu_luc, chua_hieu_luc, het_hieu_luc_mot_phan, het_hieu_luc hoặc ngung_hieu_luc", 0},
    {"ended", "Ngày hết hiệu lực", "No longer in force from", MC_F_DATE, NULL, NULL, 0, 0, 0,
     "ended: 2025-07-01", NULL, NULL, 0},
    {"field", "Lĩnh vực", "Field", MC_F_TEXT, NULL, NULL, 0, 0, 1, "field: \"Hộ tịch\"", "\"\"",
     "Lĩnh vực, ví dụ Hộ tịch", 4},
    {"signer", "Người ký", "Signed by", MC_F_TEXT, NULL, NULL, 0, 0, 0,
     "signer: \"Thủ tướng Chính phủ\"", NULL, NULL, 0},
    {"replaces", "Thay thế văn bản", "Replaces", MC_F_TEXTS, NULL, NULL, 0, 0, 1,
     "replaces: [\"43/2011/NĐ-CP\"]", "[]", "Số ký hiệu các văn bản mà văn bản này thay thế", 0},
    {"replaced_by", "Bị thay thế bởi", "Replaced by", MC_F_TEXT, NULL, NULL, 0, 0, 1,
     "replaced_by: \"42/2022/NĐ-CP\"", "\"\"", "Số ký hiệu văn bản thay thế văn bản này (nếu có)", 0},
    {"file", "Tệp văn bản", "File", MC_F_FILE, NULL, NULL, 0, 0, 1, "file: van-ban.pdf", "\"\"",
     "Tệp PDF hoặc DOCX đặt cạnh index.md (văn bản là thư mục)", 0},
    {"url", "Địa chỉ văn bản gốc", "Official text", MC_F_URL, NULL, NULL, 0, 0, 1,
     "url: \"https://vbpl.vn/...\"", "\"\"", "Địa chỉ văn bản trên Cơ sở dữ liệu quốc gia về pháp luật", 0},
    DRAFT,
    END,
};

const mc_field mc_page_fields[] = {
    SUMMARY("Tóm tắt ngắn"),
    END,
};

/* ---- reading a table ---- */

const mc_field *mc_field_find(const mc_field *t, const char *key)
{
    for (; t && t->key; t++)
        if (!strcmp(t->key, key)) return t;
    return NULL;
}

/* slug() of a value, in buf; "" when it has none. */
static const char *slug_of(const char *s, char *buf, size_t n)
{
    char *slug = s ? mc_slug(s, strlen(s), NULL) : NULL;
    snprintf(buf, n, "%s", slug ? slug : "");
    free(slug);
    for (char *c = buf; *c; c++)
        if (*c == '-') *c = '_';
    return buf;
}

/* 1 when the slug v is one of the '|'-separated spellings in also. */
static int among_also(const char *v, const char *also)
{
    char one[256], w[256];
    while (also && *also) {
        const char *bar = strchr(also, '|');
        size_t n = bar ? (size_t)(bar - also) : strlen(also);
        snprintf(one, sizeof one, "%.*s", (int)n, also);
        if (!strcmp(v, slug_of(one, w, sizeof w))) return 1;
        also = bar ? bar + 1 : NULL;
    }
    return 0;
}

const mc_choice *mc_field_choice(const mc_field *f, const char *value)
{
    if (!f || !f->choices || !value) return NULL;
    for (const mc_choice *c = f->choices; c->code; c++)
        if (!strcmp(c->code, value)) return c;
    char v[256], w[256];
    slug_of(value, v, sizeof v);
    if (!v[0]) return NULL;
    for (const mc_choice *c = f->choices; c->code; c++)
        if (!strcmp(v, c->code) || !strcmp(v, slug_of(c->vi, w, sizeof w)) ||
            !strcmp(v, slug_of(c->en, w, sizeof w)) || among_also(v, c->also))
            return c;
    return NULL;
}

const char *mc_field_choice_list(const mc_field *f)
{
    static char buf[512];
    size_t used = 0, n = 0;
    buf[0] = '\0';
    for (const mc_choice *c = f->choices; c && c->code; c++) n++;
    for (size_t i = 0; i < n && used < sizeof buf; i++)
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s",
                                 i == 0 ? "" : i + 1 == n ? " hoặc " : ", ", f->choices[i].code);
    return buf;
}

const char *mc_field_shape(const mc_field *f)
{
    static const char *const shapes[] = {
        [MC_F_TEXT] = "chữ, ví dụ",
        [MC_F_TEXTS] = "chữ hoặc danh sách dòng chữ, ví dụ",
        [MC_F_CHOICE] = "một trong các giá trị cho phép, ví dụ",
        [MC_F_COUNT] = "số nguyên không âm, ví dụ",
        [MC_F_MONEY] = "số đồng (135000, \"135.000 đồng\" hoặc \"135.000đ\"), ví dụ",
        [MC_F_DATE] = "ngày năm-tháng-ngày, ví dụ",
        [MC_F_DATETIMES] = "danh sách ngày giờ, ví dụ",
        [MC_F_URL] = "địa chỉ web bắt đầu bằng https://, ví dụ",
        [MC_F_DURATION] = "chữ có đơn vị hoặc {value, unit}, ví dụ",
        [MC_F_LIST] = "danh sách, mỗi mục một dòng bắt đầu bằng '- ', ví dụ",
        [MC_F_FILE] = "tên tệp đặt cạnh trang, ví dụ",
        [MC_F_BOOL] = "true hoặc false, ví dụ",
        [MC_F_WARDS] = "all hoặc danh sách mã phường, ví dụ",
        [MC_F_TAGS] = "danh sách chủ đề, ví dụ",
        [MC_F_PROCEDURE] = "tên tệp của một thủ tục (không có .md), ví dụ",
    };
    return shapes[f->type];
}

static int all_strings(const json_t *v)
{
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e) if (!json_is_string(e)) return 0;
    return 1;
}

int mc_field_shape_ok(const mc_field *f, const json_t *v)
{
    if (!v || json_is_null(v)) return 1; /* absent: required is checked apart */
    switch (f->type) {
    case MC_F_TEXT: return json_is_string(v) || json_is_number(v);
    case MC_F_TEXTS: return json_is_string(v) || (json_is_array(v) && all_strings(v));
    case MC_F_CHOICE: case MC_F_DATE: case MC_F_URL: case MC_F_FILE: case MC_F_PROCEDURE:
        return json_is_string(v);
    case MC_F_COUNT: case MC_F_MONEY: return json_is_integer(v);
    case MC_F_DATETIMES: return json_is_string(v) || (json_is_array(v) && all_strings(v));
    case MC_F_DURATION: return json_is_string(v) || json_is_object(v);
    case MC_F_BOOL: return mc_yes_no(v) >= 0; /* yesno.h: the one reading */
    case MC_F_WARDS: return json_is_string(v) || (json_is_array(v) && all_strings(v));
    case MC_F_TAGS: return json_is_array(v) && all_strings(v);
    case MC_F_LIST: {
        if (!json_is_array(v)) return 0;
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
            if (!json_is_object(e) && !(f->strings_too && json_is_string(e))) return 0;
        return 1;
    }
    }
    return 0;
}

/* A money value written as text ("135.000 đồng") becomes its number;
 * text that is no amount stays, and the checks name it. */
static void canonical_money(json_t *obj, const char *key)
{
    long long v;
    const char *s = json_string_value(json_object_get(obj, key));
    if (s && mc_money_parse(s, &v) == 0) json_object_set_new(obj, key, json_integer(v));
}

static void canonical_choice(const mc_field *f, json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    const char *s = json_string_value(v);
    if (!s) return;
    const mc_choice *c = mc_field_choice(f, s);
    if (c && strcmp(c->code, s) != 0) json_object_set_new(obj, key, json_string(c->code));
}

void mc_fields_canonical(const mc_field *t, json_t *params)
{
    for (; t && t->key; t++) {
        if (t->type == MC_F_CHOICE) canonical_choice(t, params, t->key);
        if (t->type == MC_F_MONEY) canonical_money(params, t->key);
        if (t->type != MC_F_LIST || !t->items) continue;
        size_t i;
        json_t *item;
        json_array_foreach(json_object_get(params, t->key), i, item) {
            if (!json_is_object(item)) continue;
            for (const mc_field *it = t->items; it->key; it++) {
                if (it->type == MC_F_CHOICE) canonical_choice(it, item, it->key);
                if (it->type == MC_F_MONEY) canonical_money(item, it->key);
            }
        }
    }
}

char *mc_fields_skeleton(const mc_field *t)
{
    size_t n = 1;
    for (const mc_field *f = t; f && f->key; f++)
        if (f->in_new) n += strlen(f->key) + strlen(f->new_value) + strlen(f->hint ? f->hint : "") + 32;
    char *out = malloc(n);
    if (!out) return NULL;
    size_t used = 0;
    out[0] = '\0';
    for (const mc_field *f = t; f && f->key; f++) {
        if (!f->in_new) continue;
        char line[256];
        snprintf(line, sizeof line, "%s: %s", f->key, f->new_value);
        used += (size_t)snprintf(out + used, n - used, f->hint ? "%-22s # %s\n" : "%s\n", line,
                                 f->hint);
    }
    return out;
}
