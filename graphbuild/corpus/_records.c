/* One JSONL record, from UTF-8 bytes to Python objects: each string is scanned once for its
 * end and escapes, then unescaped (only if it has escapes) and decoded: a long one by the
 * SIMD decoder of _utf8.h, which leaves to CPython all it does not recognise.
 *
 * read_record(data: bytes) -> (dict, bytes | None) | None
 *
 * The dict is what json.loads(data.decode("utf-8")) gives; the bytes are the UTF-8 of its
 * "text" value (so the parser need not encode the text again), None if "text" is not a
 * string.  Only a common subset of JSON is read here: an object whose values are strings,
 * true, false, null or integers of at most 18 digits, with no \u escape of a surrogate.
 * For anything else, valid or not (floats, nesting, bad UTF-8, a syntax error...), the
 * answer is None and the caller reads the record with the json module, which gives the
 * value or the error message.  So this reader never decides what a record means: it
 * only makes the common case fast (json decodes the whole line with CPython, at about
 * 0.45 GB/s on Vietnamese text, then copies every string again).
 *
 * Every read is bounded by the buffer's end (i < n); the unescaped copy is written into a
 * buffer of the escaped string's length, which an unescaped string never exceeds.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "_utf8.h"
#include "_lines.h"

typedef struct {
    Py_ssize_t end;        /* index of the closing quote */
    int escapes;           /* whether it holds a backslash */
} StrInfo;

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
/* Nonzero when some byte of v is below n (n <= 128), or equal to b: exact for any bytes. */
#define HAS_LESS(v, n) (((v) - ONES * (n)) & ~(v) & HIGHS)
#define HAS_ZERO(v) (((v) - ONES) & ~(v) & HIGHS)
#define HAS_BYTE(v, b) HAS_ZERO((v) ^ (ONES * (b)))

/* Whether the eight bytes at p hold a quote, a backslash or a control character: the
 * only bytes the first pass stops at (UTF-8 is checked by CPython's decoder). */
static inline int special8(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return (HAS_LESS(v, 0x20) | HAS_BYTE(v, '"') | HAS_BYTE(v, '\\')) != 0;
}

/* The index of the first quote, backslash or control character at or after s[i], or one
 * before it (n if none): 16 bytes a step where SSE2 is (every x86-64), else 8. */
static inline Py_ssize_t skip_plain(const unsigned char *s, Py_ssize_t i, Py_ssize_t n)
{
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), control = _mm_set1_epi8(0x1F);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                   _mm_cmpeq_epi8(_mm_min_epu8(v, control), v));      /* v <= 0x1F */
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (mask) return i + __builtin_ctz(mask);
    }
#endif
    while (i + 8 <= n && !special8(s + i)) i += 8;
    return i;
}

static int hex4(const unsigned char *p, Py_UCS4 *out)
{
    Py_UCS4 v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return 0;
    }
    *out = v;
    return 1;
}

/* The escape at s[i] (s[i] is the backslash): its code point and length, or 0 when it is
 * not one of JSON's, or a \u escape of a surrogate (the json module's case). */
static inline int escape_at(const unsigned char *s, Py_ssize_t i, Py_ssize_t n, Py_UCS4 *cp)
{
    if (i + 1 >= n) return 0;
    switch (s[i + 1]) {
    case '"': *cp = '"'; return 2;
    case '\\': *cp = '\\'; return 2;
    case '/': *cp = '/'; return 2;
    case 'b': *cp = '\b'; return 2;
    case 'f': *cp = '\f'; return 2;
    case 'n': *cp = '\n'; return 2;
    case 'r': *cp = '\r'; return 2;
    case 't': *cp = '\t'; return 2;
    case 'u':
        if (i + 5 >= n || !hex4(s + i + 2, cp)) return 0;
        if (*cp >= 0xD800 && *cp <= 0xDFFF) return 0;
        return 6;
    }
    return 0;
}

/* First pass over the string that starts after the quote at s[i - 1]: where it ends and
 * whether it has escapes.  0 if it is outside the subset (a control character, a bad or
 * surrogate escape, no closing quote). */
static int scan_string(const unsigned char *s, Py_ssize_t i, Py_ssize_t n, StrInfo *info)
{
    Py_UCS4 cp;
    int escapes = 0, len;
    while (1) {
        i = skip_plain(s, i, n);
        if (i >= n) return 0;
        unsigned char c = s[i];
        if (c == '"') break;
        if (c == '\\') {
            if (!(len = escape_at(s, i, n, &cp))) return 0;
            escapes = 1;
            i += len;
        } else if (c < 0x20) {
            return 0;
        } else {
            i += 1;
        }
    }
    info->end = i;
    info->escapes = escapes;
    return 1;
}

static inline Py_ssize_t put_utf8(unsigned char *out, Py_ssize_t k, Py_UCS4 cp)
{
    if (cp < 0x80) { out[k] = (unsigned char)cp; return k + 1; }
    if (cp < 0x800) {
        out[k] = 0xC0 | (cp >> 6); out[k + 1] = 0x80 | (cp & 0x3F); return k + 2;
    }
    out[k] = 0xE0 | (cp >> 12); out[k + 1] = 0x80 | ((cp >> 6) & 0x3F); out[k + 2] = 0x80 | (cp & 0x3F);
    return k + 3;                       /* escapes give no surrogates, so nothing above U+FFFF */
}

/* The UTF-8 of a string with escapes, as bytes: never longer than the JSON (an escape of
 * 2 or 6 bytes gives 1 to 3). */
static PyObject *unescape(const unsigned char *s, Py_ssize_t i, Py_ssize_t end)
{
    PyObject *bytes = PyBytes_FromStringAndSize(NULL, end - i);
    if (bytes == NULL) return NULL;
    unsigned char *out = (unsigned char *)PyBytes_AS_STRING(bytes);
    Py_ssize_t k = 0;
    Py_UCS4 cp = 0;
    while (i < end) {
        const unsigned char *slash = memchr(s + i, '\\', end - i);
        Py_ssize_t run = (slash ? slash - s : end) - i;
        memcpy(out + k, s + i, run);
        k += run;
        i += run;
        if (i < end) {
            i += escape_at(s, i, end, &cp);
            k = put_utf8(out, k, cp);
        }
    }
    if (_PyBytes_Resize(&bytes, k) < 0) return NULL;
    return bytes;
}

/* The string whose first pass gave `info`, starting at s[start], or NULL: with no error
 * set when it is not valid UTF-8.  Its UTF-8 too when `utf8` is not NULL. */
static PyObject *make_string(const unsigned char *s, Py_ssize_t start, const StrInfo *info, PyObject **utf8)
{
    PyObject *bytes = NULL, *str;
    const char *data = (const char *)s + start;
    Py_ssize_t size = info->end - start;
    if (info->escapes) {
        if ((bytes = unescape(s, start, info->end)) == NULL) return NULL;
        data = PyBytes_AS_STRING(bytes);
        size = PyBytes_GET_SIZE(bytes);
    }
    str = decode_utf8(data, size);
    if (str == NULL) {
        Py_XDECREF(bytes);
        if (PyErr_ExceptionMatches(PyExc_UnicodeDecodeError)) PyErr_Clear();
        return NULL;
    }
    if (utf8 != NULL) {
        *utf8 = bytes != NULL ? bytes : PyBytes_FromStringAndSize(data, size);
        if (*utf8 == NULL) { Py_DECREF(str); return NULL; }
    } else {
        Py_XDECREF(bytes);
    }
    return str;
}

static inline Py_ssize_t skip_space(const unsigned char *s, Py_ssize_t i, Py_ssize_t n)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    return i;
}

static inline int is_delimiter(const unsigned char *s, Py_ssize_t i, Py_ssize_t n)
{
    return i >= n || s[i] == ',' || s[i] == '}' || s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
}

/* A value other than a string at s[*i]: true, false, null or a small integer; NULL with
 * no error set if it is anything else. */
static PyObject *read_scalar(const unsigned char *s, Py_ssize_t *i, Py_ssize_t n)
{
    Py_ssize_t j = *i;
    if (n - j >= 4 && memcmp(s + j, "true", 4) == 0 && is_delimiter(s, j + 4, n)) {
        *i = j + 4; Py_RETURN_TRUE;
    }
    if (n - j >= 5 && memcmp(s + j, "false", 5) == 0 && is_delimiter(s, j + 5, n)) {
        *i = j + 5; Py_RETURN_FALSE;
    }
    if (n - j >= 4 && memcmp(s + j, "null", 4) == 0 && is_delimiter(s, j + 4, n)) {
        *i = j + 4; Py_RETURN_NONE;
    }
    int negative = j < n && s[j] == '-';
    Py_ssize_t d = j + negative, digits = 0;
    unsigned long long value = 0;     /* 18 digits fit; a 19th only says "too long" */
    while (d + digits < n && s[d + digits] >= '0' && s[d + digits] <= '9' && digits <= 18) {
        value = value * 10 + (s[d + digits] - '0');
        digits++;
    }
    if (digits == 0 || digits > 18 || (digits > 1 && s[d] == '0') || !is_delimiter(s, d + digits, n))
        return NULL;                      /* floats, exponents, leading zeros, big integers */
    *i = d + digits;
    return PyLong_FromLongLong(negative ? -(long long)value : (long long)value);
}

static PyObject *read_record(PyObject *module, PyObject *arg)
{
    (void)module;
    if (!PyBytes_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "read_record expects bytes");
        return NULL;
    }
    const unsigned char *s = (const unsigned char *)PyBytes_AS_STRING(arg);
    Py_ssize_t n = PyBytes_GET_SIZE(arg);
    PyObject *record = NULL, *key = NULL, *value = NULL, *text_utf8 = NULL, *utf8 = NULL;
    StrInfo info;
    Py_ssize_t i = skip_space(s, 0, n);
    if (i >= n || s[i] != '{') goto other;
    record = PyDict_New();
    if (record == NULL) return NULL;
    i = skip_space(s, i + 1, n);
    if (i < n && s[i] == '}') {
        i++;
        goto done;
    }
    while (1) {
        if (i >= n || s[i] != '"' || !scan_string(s, i + 1, n, &info)) goto other;
        key = make_string(s, i + 1, &info, NULL);
        if (key == NULL) goto fail_or_other;
        i = skip_space(s, info.end + 1, n);
        if (i >= n || s[i] != ':') goto other;
        i = skip_space(s, i + 1, n);
        int is_text = PyUnicode_GET_LENGTH(key) == 4 && PyUnicode_CompareWithASCIIString(key, "text") == 0;
        if (i < n && s[i] == '"') {
            if (!scan_string(s, i + 1, n, &info)) goto other;
            value = make_string(s, i + 1, &info, is_text ? &utf8 : NULL);
            if (value == NULL) goto fail_or_other;
            i = info.end + 1;
        } else {
            value = read_scalar(s, &i, n);
            if (value == NULL) goto fail_or_other;
        }
        if (is_text) {                     /* the last "text" is the one the dict keeps */
            Py_XSETREF(text_utf8, utf8);
            utf8 = NULL;
        }
        if (PyDict_SetItem(record, key, value) < 0) goto fail;
        Py_CLEAR(key);
        Py_CLEAR(value);
        i = skip_space(s, i, n);
        if (i < n && s[i] == ',') {
            i = skip_space(s, i + 1, n);
            continue;
        }
        if (i < n && s[i] == '}') {
            i++;
            break;
        }
        goto other;
    }
done:
    if (skip_space(s, i, n) != n) goto other;
    PyObject *result = PyTuple_New(2);
    if (result == NULL) goto fail;
    PyTuple_SET_ITEM(result, 0, record);
    PyTuple_SET_ITEM(result, 1, text_utf8 ? text_utf8 : Py_NewRef(Py_None));
    return result;
fail_or_other:
    if (PyErr_Occurred()) goto fail;
other:
    Py_XDECREF(record); Py_XDECREF(key); Py_XDECREF(value); Py_XDECREF(text_utf8); Py_XDECREF(utf8);
    Py_RETURN_NONE;
fail:
    Py_XDECREF(record); Py_XDECREF(key); Py_XDECREF(value); Py_XDECREF(text_utf8); Py_XDECREF(utf8);
    return NULL;
}

static PyMethodDef methods[] = {
    {"read_record", read_record, METH_O,
     "read_record(data: bytes) -> (dict, bytes | None) | None: a JSONL record in the common "
     "subset of JSON, with the UTF-8 of its \"text\"; None for anything else (use json)."},
    {"json_lines", json_lines, METH_VARARGS,
     "json_lines(head: bytes, items: list, fields: tuple) -> bytes | None: one JSON line per item "
     "(head, then each field's value), as json.dumps(ensure_ascii=False) writes it, in UTF-8; "
     "None when a value is not a str, an int or None (write it in Python)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_records", NULL, -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__records(void)
{
    init_utf8();
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddIntConstant(m, "SIMD_UTF8", simd_utf8_ready()) < 0) Py_CLEAR(m);
    return m;
}
