from . import address_book_backend
from . import address_book_res_partner
from . import res_partner
