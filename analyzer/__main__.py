"""`python -m sosql` is the `sosql` command."""
from sosql.cli import main

main()
