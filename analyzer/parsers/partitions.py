"""/proc/partitions: the block devices and partitions the kernel knows, with their sizes.

Sample input::

    major minor  #blocks  name

       8        0   41943040 sda
       8        1    1048576 sda1
     253        0   36700160 dm-0

Example: rows (major, minor, size_bytes, name): (8, 0, 42949672960, 'sda'), (8, 1,
1073741824, 'sda1'), (253, 0, 37580963840, 'dm-0'): #blocks are 1 KiB blocks.
"""


from sosql.store import schema

KIND = "table"
TABLE = "partitions"


def parse(text):
    rows = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) == 4 and all(f.isdigit() and len(f) < 16 for f in fields[:3]) and int(fields[0]) < 1 << 31 \
                and int(fields[1]) < 1 << 31:
            rows.append({"major": int(fields[0]), "minor": int(fields[1]), "size_bytes": int(fields[2]) * 1024,
                         "name": fields[3]})
    return schema.arrow_table(TABLE, rows)
