"""`python -m analyzer` is the `sosql` command."""
from .cli import main

main()
