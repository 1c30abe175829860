// Writes the inputs: names a checkout would not keep everywhere (a line break, a tab), and an empty file.
File text = new File(basedir, 'src/main/text')
text.deleteDir()
new File(text, 'sub dir').mkdirs()
[
    'two\nlines.txt'      : 'BAD: a line break in the name',
    'tab\there.txt'       : 'BAD: a tab in the name',
    'line\nbreak fine.txt': 'fine, though the name has a line break',
    'sub dir/my notes.txt': 'fine, with spaces',
    '-n.txt'              : 'fine, with a leading dash',
    'empty.txt'           : '',
].each { name, content -> new File(text, name).setText(content, 'UTF-8') }
true
