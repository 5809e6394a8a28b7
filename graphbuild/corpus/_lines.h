/* JSON Lines out, in C (included by _records.c): the records of `extract`, straight as UTF-8.
 *
 * json_lines(head: bytes, items: list, fields: tuple[str, ...]) -> bytes | None
 *
 * One line per item: `head`, then `"field": value` for each field (the item's attribute),
 * joined by ", ", then "}\n".  Each line is byte for byte the UTF-8 of
 * json.dumps(..., ensure_ascii=False) of the same values.  Only str, int and None values are
 * written here; for anything else (a float, a bool, an int beyond 64 bits, a str with a lone
 * surrogate, which UTF-8 cannot hold) the answer is None and the caller writes the lines in
 * Python.  So, as for reading, this code only makes the common case fast.
 */

typedef struct {
    char *data;
    Py_ssize_t size, cap;
} Out;

static int out_reserve(Out *o, Py_ssize_t more)
{
    if (o->size + more <= o->cap) return 1;
    Py_ssize_t cap = o->cap ? o->cap : 4096;
    while (cap < o->size + more) cap *= 2;
    char *data = PyMem_Realloc(o->data, (size_t)cap);
    if (data == NULL) { PyErr_NoMemory(); return 0; }
    o->data = data, o->cap = cap;
    return 1;
}

static inline int out_put(Out *o, const char *s, Py_ssize_t n)
{
    if (!out_reserve(o, n)) return 0;
    memcpy(o->data + o->size, s, (size_t)n);
    o->size += n;
    return 1;
}

/* The bytes after which json.dumps writes s[i] escaped: the quote, the backslash, controls. */
static inline int needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

/* A JSON string of the UTF-8 s[:n], escaped as json.dumps(ensure_ascii=False) does. */
static int out_json_string(Out *o, const char *s, Py_ssize_t n)
{
    /* at most 6 bytes per input byte (\u00XX), and the quotes */
    if (!out_reserve(o, 6 * n + 2)) return 0;
    char *w = o->data + o->size;
    *w++ = '"';
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!needs_escape(c)) { *w++ = (char)c; continue; }
        *w++ = '\\';
        switch (c) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '\n': *w++ = 'n'; break;
        case '\r': *w++ = 'r'; break;
        case '\t': *w++ = 't'; break;
        case '\b': *w++ = 'b'; break;
        case '\f': *w++ = 'f'; break;
        default:                         /* \u00XX, in lower case as json writes it */
            *w++ = 'u', *w++ = '0', *w++ = '0';
            *w++ = "0123456789abcdef"[c >> 4], *w++ = "0123456789abcdef"[c & 15];
        }
    }
    *w++ = '"';
    o->size = w - o->data;
    return 1;
}

/* Writes one value; 0 with an error set on failure, -1 when Python must write the line. */
static int out_value(Out *o, PyObject *v)
{
    if (v == Py_None) return out_put(o, "null", 4);
    if (PyUnicode_CheckExact(v)) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(v, &n);
        if (s == NULL) {                 /* a lone surrogate: not ours to write */
            if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) return 0;
            PyErr_Clear();
            return -1;
        }
        return out_json_string(o, s, n);
    }
    if (PyLong_CheckExact(v)) {
        int overflow;
        long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (overflow) return -1;
        if (x == -1 && PyErr_Occurred()) return 0;
        char digits[32];
        return out_put(o, digits, snprintf(digits, sizeof digits, "%lld", x));
    }
    return -1;
}

/* `"name": value` of each field of `item`, then "}\n": 1, or 0 with an error set, or -1 when
 * Python must write the line. */
static int out_fields(Out *o, PyObject *item, PyObject *fields, const Out *keys, const Py_ssize_t *key_end)
{
    for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(fields); j++) {
        Py_ssize_t key_start = j ? key_end[j - 1] : 0;
        if (!out_put(o, keys->data + key_start, key_end[j] - key_start)) return 0;
        PyObject *v = PyObject_GetAttr(item, PyTuple_GET_ITEM(fields, j));
        if (v == NULL) return 0;
        int done = out_value(o, v);
        Py_DECREF(v);
        if (done <= 0) return done;
    }
    return out_put(o, "}\n", 2);
}

static PyObject *json_lines(PyObject *module, PyObject *args)
{
    (void)module;
    PyObject *head, *items, *fields;
    if (!PyArg_ParseTuple(args, "SO!O!:json_lines", &head, &PyList_Type, &items, &PyTuple_Type, &fields))
        return NULL;
    Py_ssize_t nfields = PyTuple_GET_SIZE(fields);
    Out keys = {0}, o = {0};             /* keys: `"name": ` of each field, one after another */
    Py_ssize_t key_end[64];
    if (nfields > 64) { PyErr_SetString(PyExc_ValueError, "at most 64 fields"); return NULL; }
    for (Py_ssize_t j = 0; j < nfields; j++) {
        PyObject *name = PyTuple_GET_ITEM(fields, j);
        Py_ssize_t n;
        const char *s = PyUnicode_Check(name) ? PyUnicode_AsUTF8AndSize(name, &n) : NULL;
        if (s == NULL) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "fields must be str");
            goto fail;
        }
        if ((j && !out_put(&keys, ", ", 2)) || !out_json_string(&keys, s, n) || !out_put(&keys, ": ", 2))
            goto fail;
        key_end[j] = keys.size;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++) {
        PyObject *item = Py_NewRef(PyList_GET_ITEM(items, i));   /* an attribute's code may drop it from the list */
        if (!out_put(&o, PyBytes_AS_STRING(head), PyBytes_GET_SIZE(head))) { Py_DECREF(item); goto fail; }
        int done = out_fields(&o, item, fields, &keys, key_end);
        Py_DECREF(item);
        if (done == 0) goto fail;
        if (done < 0) goto python;
    }
    PyObject *result = PyBytes_FromStringAndSize(o.data, o.size);
    PyMem_Free(keys.data);
    PyMem_Free(o.data);
    return result;
python:
    PyMem_Free(keys.data);
    PyMem_Free(o.data);
    Py_RETURN_NONE;
fail:
    PyMem_Free(keys.data);
    PyMem_Free(o.data);
    return NULL;
}
