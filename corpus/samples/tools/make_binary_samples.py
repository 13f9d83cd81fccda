#!/usr/bin/env python3
"""Writes the binary samples (a DOCX and a PDF newsletter, and an iOS WhatsApp
"Export Chat" ZIP) from the text below, so they can be reviewed and
regenerated: python3 make_binary_samples.py"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'newsletters')

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'

DOCUMENT = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
<w:p><w:r><w:t>Autumn newsletter</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">Please ring the office on 07</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>700 900</w:t></w:r><w:r><w:t>246 with questions.</w:t></w:r></w:p>
<w:p><w:r><w:t>Old number:</w:t></w:r><w:del w:id="1" w:author="Office"><w:r><w:delText xml:space="preserve"> call 07700 900247</w:delText></w:r></w:del></w:p>
<w:p><w:r><w:t>Coach</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>leaves at nine.</w:t></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="Photo: email art.club@example.org"/></wp:inline></w:drawing></w:r></w:p>
</w:body></w:document>'''

FOOTER = f'''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {W}><w:p><w:r><w:t>Office: office@example.org</w:t></w:r></w:p></w:ftr>'''

CONTENT_TYPES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>'''


def write_docx(path):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('word/document.xml', DOCUMENT)
        z.writestr('word/footer1.xml', FOOTER)


def write_pdf(path, pages):
    """A minimal PDF: one Helvetica text stream per page."""
    objects = []
    def add(body):
        objects.append(body)
        return len(objects)
    font = add(b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')
    pages_id = len(objects) + 2 * len(pages) + 1
    page_ids = []
    for lines in pages:
        ops = ['BT /F1 12 Tf 72 720 Td 16 TL']
        for line in lines:
            ops.append('(%s) Tj T*' % line.replace('\\', '\\\\').replace('(', '\\(').replace(')', '\\)'))
        ops.append('ET')
        stream = '\n'.join(ops).encode('latin-1')
        content = add(b'<< /Length %d >>\nstream\n' % len(stream) + stream + b'\nendstream')
        page_ids.append(add(b'<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R '
                            b'/Resources << /Font << /F1 %d 0 R >> >> >>' % (pages_id, content, font)))
    assert add(b'<< /Type /Pages /Kids [%s] /Count %d >>' % (
        b' '.join(b'%d 0 R' % p for p in page_ids), len(page_ids))) == pages_id
    catalog = add(b'<< /Type /Catalog /Pages %d 0 R >>' % pages_id)
    out = bytearray(b'%PDF-1.4\n')
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % i + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    for off in offsets:
        out += b'%010d 00000 n \n' % off
    out += b'trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, catalog, xref)
    with open(path, 'wb') as f:
        f.write(out)


write_docx(os.path.join(OUT, 'autumn-newsletter.docx'))

write_pdf(os.path.join(OUT, 'winter-newsletter.pdf'), [
    ['Winter newsletter', 'The carol service starts at six.'],
    ['Lost property', 'Please call Mr Hughes on 07700 900468 to collect', 'a blue lunchbox.'],
])


# iOS "Export Chat": _chat.txt (U+202F before PM, a U+200E mark, CRLF line
# ends as iOS writes them) next to the media it mentions. Fixed timestamps
# keep the ZIP byte-identical between runs.
CHAT = ('[21/03/2024, 4:05:12\u202fPM] Mrs Pryce: Coach leaves at 4:30, back by 6\r\n'
        '[21/03/2024, 4:06:30\u202fPM] Idris Mum: \u200eSiân\u2019s mum here, ring 07700 900878\r\n'
        'or email coach.trip@example.org\r\n'
        '[21/03/2024, 4:07:01\u202fPM] Mrs Pryce: <attached: 00000013-PHOTO-2024-03-21-16-07-01.jpg>\r\n')


def write_whatsapp_zip(path):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in (('_chat.txt', CHAT.encode('utf-8')),
                           ('00000013-PHOTO-2024-03-21-16-07-01.jpg', b'\xff\xd8\xff\xe0 not a real photo')):
            info = zipfile.ZipInfo(name, date_time=(2024, 3, 21, 16, 8, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


write_whatsapp_zip(os.path.join(HERE, '..', 'whatsapp', 'ios-export.zip'))
