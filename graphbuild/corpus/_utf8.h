/* UTF-8 to a Python str with SIMD, for the text of a record (included by _records.c).
 *
 * decode_utf8(data, size) is PyUnicode_DecodeUTF8(data, size, NULL), only faster on the
 * common case of Vietnamese text: valid UTF-8 of one-, two- and three-byte characters with
 * at least one above U+00FF, which CPython decodes at about 0.45 GB/s (one character at a
 * time, then widening its buffer from one byte a character to two).  Here a first pass
 * checks the UTF-8 and counts the characters 16 bytes at a time, so the str is made at its
 * final size and kind; a second decodes 4 to 16 characters a step with byte shuffles.
 *
 * Anything else (ASCII or Latin-1 only, a four-byte character, any invalid byte, a CPU
 * without SSE4.1 or POPCNT, a build that is not x86-64) goes to CPython's decoder, which
 * gives the str or raises: this decoder never decides what is valid, it only recognises
 * what it may take.
 *
 * The check is the lookup algorithm of Keiser and Lemire ("Validating UTF-8 in less than
 * one instruction per byte", 2021, as in simdjson); the decoding step is the one of
 * Lemire and Keiser's "Transcoding billions of Unicode characters per second" (2022), with
 * its shuffles built at import from the lengths of the characters.
 */
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define GB_UTF8_SIMD 1
#include <immintrin.h>

/* For each 12-bit mask of the bytes that end a character (starting at a character's first
 * byte): which shuffle decodes the first characters, and how many bytes they take. */
static uint8_t step_shuffle[4096];      /* 0-63: six 1-2 byte characters; 64-144: four 1-3 byte; 255: none */
static uint8_t step_bytes[4096];
static uint8_t shuffles[145][16];
static int simd_ready;

static void build_tables(void)
{
    for (int mask = 0; mask < 4096; mask++) {
        int lens[12], count = 0, last = -1;
        for (int b = 0; b < 12; b++)
            if (mask >> b & 1) { lens[count++] = b - last; last = b; }
        int six = count >= 6, four = count >= 4, id = 0, used = 0;
        for (int c = 0; c < 6 && six; c++) six = lens[c] <= 2;
        for (int c = 0; c < 4 && four; c++) four = lens[c] <= 3;
        step_shuffle[mask] = 255;
        if (six) {                           /* char c in 16-bit lane c: last byte low, lead high */
            for (int c = 0; c < 6; c++) { id |= (lens[c] - 1) << c; used += lens[c]; }
            uint8_t *sh = shuffles[id];
            memset(sh, 0x80, 16);             /* 0x80: a zero byte */
            for (int c = 0, at = 0; c < 6; at += lens[c], c++) {
                sh[2 * c] = (uint8_t)(at + lens[c] - 1);
                if (lens[c] == 2) sh[2 * c + 1] = (uint8_t)at;
            }
        } else if (four) {                   /* char c in 32-bit lane c: last, middle, lead */
            for (int c = 3; c >= 0; c--) id = id * 3 + lens[c] - 1;
            id += 64;
            for (int c = 0; c < 4; c++) used += lens[c];
            uint8_t *sh = shuffles[id];
            memset(sh, 0x80, 16);
            for (int c = 0, at = 0; c < 4; at += lens[c], c++) {
                int end = at + lens[c] - 1;
                sh[4 * c] = (uint8_t)end;
                if (lens[c] >= 2) sh[4 * c + 1] = (uint8_t)(end - 1);
                if (lens[c] == 3) sh[4 * c + 2] = (uint8_t)at;
            }
        } else {
            continue;
        }
        step_shuffle[mask] = (uint8_t)id;
        step_bytes[mask] = (uint8_t)used;
    }
}

/* The error bits of the lookup algorithm. */
#define TOO_SHORT (1 << 0)
#define TOO_LONG (1 << 1)
#define OVERLONG_3 (1 << 2)
#define TOO_LARGE (1 << 3)
#define SURROGATE (1 << 4)
#define OVERLONG_2 (1 << 5)
#define TOO_LARGE_1000 (1 << 6)
#define OVERLONG_4 (1 << 6)
#define TWO_CONTS (1 << 7)
#define CARRY (TOO_SHORT | TOO_LONG | TWO_CONTS)

__attribute__((target("sse4.1")))
static inline __m128i high_nibbles(__m128i v)
{
    return _mm_and_si128(_mm_srli_epi16(v, 4), _mm_set1_epi8(0x0F));
}

/* The error bits of 16 bytes, `prev` being the 16 before them. */
__attribute__((target("sse4.1")))
static inline __m128i check16(__m128i in, __m128i prev)
{
    const __m128i byte_1_high_table = _mm_setr_epi8(
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
        TOO_SHORT | OVERLONG_2, TOO_SHORT, TOO_SHORT | OVERLONG_3 | SURROGATE,
        TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
    const __m128i byte_1_low_table = _mm_setr_epi8(
        CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4, CARRY | OVERLONG_2, CARRY, CARRY,
        CARRY | TOO_LARGE, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000);
    const __m128i byte_2_high_table = _mm_setr_epi8(
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
    __m128i prev1 = _mm_alignr_epi8(in, prev, 15);
    __m128i special = _mm_and_si128(
        _mm_and_si128(_mm_shuffle_epi8(byte_1_high_table, high_nibbles(prev1)),
                      _mm_shuffle_epi8(byte_1_low_table, _mm_and_si128(prev1, _mm_set1_epi8(0x0F)))),
        _mm_shuffle_epi8(byte_2_high_table, high_nibbles(in)));
    /* The second and third bytes after a three- or four-byte lead must be continuations. */
    __m128i third = _mm_subs_epu8(_mm_alignr_epi8(in, prev, 14), _mm_set1_epi8((char)(0xE0 - 0x80)));
    __m128i fourth = _mm_subs_epu8(_mm_alignr_epi8(in, prev, 13), _mm_set1_epi8((char)(0xF0 - 0x80)));
    __m128i must = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8((char)0x80));
    return _mm_xor_si128(must, special);
}

/* First pass: whether s[:n] is valid UTF-8 (checked as if followed by ASCII), its number of
 * continuation bytes, and its largest byte. */
__attribute__((target("sse4.1,popcnt")))
static int check_utf8(const unsigned char *s, Py_ssize_t n, Py_ssize_t *continuations, int *largest)
{
    __m128i error = _mm_setzero_si128(), prev = _mm_setzero_si128(), top = _mm_setzero_si128();
    Py_ssize_t conts = 0, i = 0;
    unsigned char tail[32] = {0};
    for (;; i += 16) {
        __m128i in;
        if (i + 16 <= n) {
            in = _mm_loadu_si128((const __m128i *)(s + i));
        } else {                             /* the last bytes, then zeros: an unfinished */
            if (i < n) memcpy(tail, s + i, (size_t)(n - i));   /* character shows as too short */
            in = _mm_loadu_si128((const __m128i *)tail);
        }
        error = _mm_or_si128(error, check16(in, prev));
        top = _mm_max_epu8(top, in);
        conts += __builtin_popcount((unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(in, _mm_set1_epi8((char)0xC0))));
        prev = in;
        if (i + 16 > n) break;
    }
    /* the largest byte: of the 16 lanes of `top` */
    top = _mm_max_epu8(top, _mm_srli_si128(top, 8));
    top = _mm_max_epu8(top, _mm_srli_si128(top, 4));
    top = _mm_max_epu8(top, _mm_srli_si128(top, 2));
    top = _mm_max_epu8(top, _mm_srli_si128(top, 1));
    *continuations = conts;
    *largest = _mm_cvtsi128_si32(top) & 0xFF;
    return _mm_testz_si128(error, error);
}

/* Second pass, on valid UTF-8 of characters of at most three bytes: the `chars` UCS-2 units.
 * The masks of 64 bytes are made at once, so a step waits only for the table lookup that
 * says how far the step before went; both decodings are computed and one kept, with no
 * branch to mispredict in text that mixes two- and three-byte characters. */
__attribute__((target("sse4.1,popcnt")))
static void decode_ucs2(const unsigned char *s, Py_ssize_t n, Py_UCS2 *out, Py_ssize_t chars)
{
    Py_ssize_t i = 0, k = 0;
    const __m128i low7 = _mm_set1_epi16(0x7F), lead2 = _mm_set1_epi16(0x1F00);
    const __m128i low7_32 = _mm_set1_epi32(0x7F), mid_32 = _mm_set1_epi32(0x3F00), lead3_32 = _mm_set1_epi32(0x0F0000);
    const __m128i cont_below = _mm_set1_epi8((char)0xC0);
    while (i + 80 <= n && k + 80 <= chars) {
        uint64_t conts = 0;
        for (int b = 0; b < 4; b++) {
            __m128i in = _mm_loadu_si128((const __m128i *)(s + i + 16 * b));
            conts |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(in, cont_below)) << (16 * b);
        }
        uint64_t ends = ~(conts >> 1) & ~((uint64_t)((signed char)s[i + 64] < (signed char)0xC0) << 63);
        Py_ssize_t pos = 0;
        while (pos <= 52) {
            unsigned mask = (unsigned)(ends >> pos) & 0xFFF;
            unsigned id = step_shuffle[mask];
            if (id == 255) goto rest;        /* not met in valid input */
            __m128i in = _mm_loadu_si128((const __m128i *)(s + i + pos));
            __m128i perm = _mm_shuffle_epi8(in, _mm_loadu_si128((const __m128i *)shuffles[id]));
            __m128i two = _mm_or_si128(_mm_and_si128(perm, low7), _mm_srli_epi16(_mm_and_si128(perm, lead2), 2));
            __m128i three = _mm_or_si128(
                _mm_or_si128(_mm_and_si128(perm, low7_32), _mm_srli_epi32(_mm_and_si128(perm, mid_32), 2)),
                _mm_srli_epi32(_mm_and_si128(perm, lead3_32), 4));
            three = _mm_packus_epi32(three, three);
            __m128i six = _mm_set1_epi8((char)-(id < 64));
            _mm_storeu_si128((__m128i *)(out + k), _mm_blendv_epi8(three, two, six));
            k += id < 64 ? 6 : 4;
            pos += step_bytes[mask];
        }
        i += pos;
    }
rest:
    while (i < n) {                          /* the rest, one character at a time */
        unsigned c = s[i];
        if (c < 0x80) {
            out[k++] = (Py_UCS2)c, i += 1;
        } else if (c < 0xE0) {
            out[k++] = (Py_UCS2)(((c & 0x1F) << 6) | (s[i + 1] & 0x3F)), i += 2;
        } else {
            out[k++] = (Py_UCS2)(((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F)), i += 3;
        }
    }
}

static PyObject *decode_utf8(const char *data, Py_ssize_t size)
{
    Py_ssize_t continuations;
    int largest;
    /* Short strings: not worth two passes.  U+0100 and up need a lead byte of 0xC4 or more;
     * 0xF0 and up lead four-byte characters (or are invalid): both left to CPython. */
    if (simd_ready && size >= 64
            && check_utf8((const unsigned char *)data, size, &continuations, &largest)
            && largest >= 0xC4 && largest < 0xF0) {
        Py_ssize_t chars = size - continuations;
        PyObject *str = PyUnicode_New(chars, 0xFFFF);
        if (str == NULL) return NULL;
        decode_ucs2((const unsigned char *)data, size, PyUnicode_2BYTE_DATA(str), chars);
        return str;
    }
    return PyUnicode_DecodeUTF8(data, size, NULL);
}

static void init_utf8(void)
{
    const char *setting = getenv("GRAPHBUILD_SIMD_UTF8");
    if (setting != NULL && strcmp(setting, "0") == 0) return;
    __builtin_cpu_init();
    /* POPCNT too: the first pass counts with it (the Core 2 of 2008 have SSE4.1 without it) */
    if (!__builtin_cpu_supports("sse4.1") || !__builtin_cpu_supports("popcnt")) return;
    build_tables();
    simd_ready = 1;
}

static int simd_utf8_ready(void) { return simd_ready; }

#else   /* not x86-64: CPython's decoder */

static PyObject *decode_utf8(const char *data, Py_ssize_t size)
{
    return PyUnicode_DecodeUTF8(data, size, NULL);
}

static void init_utf8(void) {}

static int simd_utf8_ready(void) { return 0; }

#endif
