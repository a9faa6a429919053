"""Deterministic sample data: the same seed gives the same shop, whatever the date.

Dates are laid out from a fixed starting point (2024-01-01 UTC) rather than from "now",
so two shops seeded with the same number hold identical records, ids included.
"""

import hashlib
import random
from datetime import datetime, timedelta
from decimal import Decimal

from .formats import sanitize_title
from .store import format_date

CUSTOMERS = 60
PRODUCTS = 120
ORDERS = 240

_START = datetime(2024, 1, 1, 8, 0, 0)

_FIRST_NAMES = (
    "Ana", "Bruno", "Chloé", "Daniel", "Elena", "Farid", "Greta", "Hugo", "Ines",
    "Jonas", "Kaja", "Luca", "Maria", "Nils", "Olivia", "Pedro", "Quentin", "Rosa",
    "Sven", "Tara", "Ugo", "Vera", "Wim", "Ximena", "Yusuf", "Zoé", "Amélie", "Björn",
    "Carla", "Dario",
)  # fmt: skip
_LAST_NAMES = (
    "Ruiz", "Dupont", "Müller", "Rossi", "Jansen", "Novak", "Silva", "Nielsen",
    "Kowalski", "Dubois", "García", "Schmidt", "Bianchi", "De Vries", "Horvat", "Costa",
    "Larsen", "Nowak", "Martin", "Weber",
)  # fmt: skip
# (city, state, postcode, country)
_PLACES = (
    ("Madrid", "M", "28001", "ES"), ("Barcelona", "B", "08002", "ES"),
    ("Paris", "", "75003", "FR"), ("Lyon", "", "69002", "FR"),
    ("Berlin", "", "10115", "DE"), ("München", "", "80331", "DE"),
    ("Milano", "MI", "20121", "IT"), ("Roma", "RM", "00184", "IT"),
    ("Amsterdam", "", "1012 JS", "NL"), ("Bruxelles", "", "1000", "BE"),
    ("Lisboa", "", "1100-148", "PT"), ("København", "", "1050", "DK"),
    ("Warszawa", "", "00-001", "PL"), ("Wien", "", "1010", "AT"),
    ("Austin", "TX", "73301", "US"),
)  # fmt: skip
_STREETS = (
    "Calle Mayor", "Rue de la Paix", "Hauptstraße", "Via Roma", "Kerkstraat",
    "Main Street", "Rua Augusta",
)  # fmt: skip
# Streets and the telephone country code of each country, so that an address's
# street, postcode, city, country and phone agree.
_LOCAL = {
    "ES": (("Calle Mayor", "Gran Vía", "Calle de Alcalá"), "34"),
    "FR": (("Rue de la Paix", "Rue Victor Hugo", "Avenue Jean Jaurès"), "33"),
    "DE": (("Hauptstraße", "Schillerstraße", "Bahnhofstraße"), "49"),
    "IT": (("Via Roma", "Via Garibaldi", "Corso Italia"), "39"),
    "NL": (("Kerkstraat", "Prinsengracht", "Dorpsstraat"), "31"),
    "BE": (("Rue Neuve", "Avenue Louise", "Rue Royale"), "32"),
    "PT": (("Rua Augusta", "Avenida da Liberdade", "Rua do Ouro"), "351"),
    "DK": (("Strøget", "Vesterbrogade", "Nørregade"), "45"),
    "PL": (("ulica Marszałkowska", "ulica Nowy Świat", "ulica Długa"), "48"),
    "AT": (("Kärntner Straße", "Mariahilfer Straße", "Graben"), "43"),
    "US": (("Main Street", "Congress Avenue", "Lamar Boulevard"), "1"),
}

# category -> (subcategory names, product nouns)
_CATALOGUE = {
    "Clothing": (
        ("T-shirts", "Hoodies"),
        ("T-shirt", "Hoodie", "Sweater", "Polo", "Cap"),
    ),
    "Accessories": ((), ("Tote Bag", "Wallet", "Scarf", "Belt", "Sunglasses")),
    "Home & Kitchen": ((), ("Mug", "Teapot", "Cutting Board", "Candle", "Apron")),
    "Books": ((), ("Notebook", "Cookbook", "Travel Guide", "Sketchbook")),
    "Garden": ((), ("Watering Can", "Plant Pot", "Seed Kit", "Gloves")),
    "Toys": ((), ("Puzzle", "Kite", "Plush Fox", "Wooden Train")),
}
_ADJECTIVES = (
    "Organic",
    "Classic",
    "Vintage",
    "Handmade",
    "Premium",
    "Eco",
    "Compact",
    "Deluxe",
    "Minimal",
    "Retro",
)
_COLOURS = (
    "Blue",
    "Red",
    "Green",
    "Black",
    "White",
    "Sand",
    "Olive",
    "Navy",
    "Coral",
    "Grey",
)
_PAYMENTS = (
    ("bacs", "Direct bank transfer"), ("cheque", "Check payments"),
    ("cod", "Cash on delivery"), ("paypal", "PayPal"),
)  # fmt: skip
_ORDER_STATUSES = (
    ("completed", 50), ("processing", 18), ("on-hold", 6), ("pending", 8),
    ("cancelled", 8), ("refunded", 4), ("failed", 6),
)  # fmt: skip


def is_empty(store) -> bool:
    """True when the shop holds no customer, product or order (defaults aside)."""
    customers = [rec for rec in store.all("customer") if rec.get("role") == "customer"]
    return not customers and not store.count("product") and not store.count("order")


PROFILES = ("default", "realistic")


def seed_if_empty(store, seed: int, profile: str = "default", api=None) -> bool:
    """Seed ``store`` with ``seed`` unless it holds data; True when it seeded.

    ``profile``: ``default`` (the sample data above) or ``realistic`` (the same plus
    taxes, coupons, fees, variations, refunds...: see :mod:`.seed_realistic`; needs
    ``api``, the shop's API on ``store``).
    """
    if profile not in PROFILES:
        raise ValueError(f"The seed profile must be one of {', '.join(PROFILES)}.")
    with store.lock:
        if not is_empty(store):
            return False
        if profile == "realistic":
            from .seed_realistic import seed_realistic

            seed_realistic(store, api, seed)
        else:
            _Seeder(store, seed).run()
        store.commit()
        return True


class _Seeder:
    def __init__(self, store, seed):
        self.store = store
        self.rng = random.Random(seed)

    def run(self):
        categories = self.categories()
        products = self.products(categories)
        customers = self.customers()
        self.orders(customers, products)

    def _address(self, first, last, with_email=None):
        city, state, postcode, country = self.rng.choice(_PLACES)
        address = {
            "first_name": first,
            "last_name": last,
            "company": self.rng.choice(("", "", "", "Studio " + last, last + " & Co")),
            "address_1": self._street(country),
            "address_2": self.rng.choice(
                ("", "", "", f"Apt {self.rng.randint(1, 40)}")
            ),
            "city": city,
            "state": state,
            "postcode": postcode,
            "country": country,
            "phone": self._phone(country),
        }
        if with_email is not None:
            address["email"] = with_email
        return address

    def _street(self, country):
        # As many draws as ever, so that the rest of the seeded data stays the same.
        index = _STREETS.index(self.rng.choice(_STREETS))
        streets = _LOCAL[country][0]
        return f"{streets[index % len(streets)]} {self.rng.randint(1, 180)}"

    def _phone(self, country):
        self.rng.randint(30, 49)  # the draw of the old random country code
        number = str(self.rng.randint(10**8, 10**9 - 1))
        if country == "US":
            return f"+1 512 {number[:3]} {number[3:7]}"
        return f"+{_LOCAL[country][1]} {number}"

    def categories(self):
        result = {}
        for menu_order, (name, (children, _nouns)) in enumerate(_CATALOGUE.items()):
            parent = self._category(name, 0, menu_order)
            result[name] = [parent["id"]]
            for child in children:
                result[name].append(self._category(child, parent["id"], 0)["id"])
        return result

    def _category(self, name, parent, menu_order):
        record = {
            "id": self.store.next_id("term"),
            "name": name,
            "slug": sanitize_title(name),
            "parent": parent,
            "description": f"Everything {name.lower()} from the demo shop.",
            "display": "default",
            "image": None,
            "menu_order": menu_order,
        }
        return self.store.put("category", record)

    def products(self, categories):
        products, names = [], set()
        moment = _START
        while len(products) < PRODUCTS:
            category = self.rng.choice(list(_CATALOGUE))
            noun = self.rng.choice(_CATALOGUE[category][1])
            name = f"{self.rng.choice(_ADJECTIVES)} {noun} {self.rng.choice(_COLOURS)}"
            if name in names:
                continue
            names.add(name)
            moment += timedelta(minutes=self.rng.randint(30, 600))
            products.append(
                self._product(name, noun, category, categories, moment, len(products))
            )
        return products

    def _product(self, name, noun, category, categories, moment, index):
        rng = self.rng
        regular = Decimal(rng.randint(350, 12000)) / 100
        regular_text = (
            str(regular.quantize(Decimal(1))) if rng.random() < 0.2 else str(regular)
        )
        on_sale = rng.random() < 0.15
        managed = rng.random() < 0.4
        quantity = rng.randint(0, 80) if managed else None
        category_ids = [categories[category][0]]
        if len(categories[category]) > 1 and rng.random() < 0.6:
            category_ids.append(rng.choice(categories[category][1:]))
        status = (
            "draft"
            if index % 37 == 36
            else "private"
            if index % 53 == 52
            else "publish"
        )
        modified = moment + timedelta(
            days=rng.randint(0, 60), seconds=rng.randint(0, 86399)
        )
        record = {
            "id": self.store.next_id("post"),
            "name": name,
            "slug": sanitize_title(name),
            "type": "simple",
            "status": status,
            "featured": rng.random() < 0.1,
            "catalog_visibility": "visible",
            "description": f"A {name.lower()}, made to last.\n\nShips in two days.",
            "short_description": f"{noun} in {name.split()[-1].lower()}.",
            "sku": f"{sanitize_title(noun).upper()[:6]}-{index + 1:04d}",
            "regular_price": regular_text,
            "sale_price": str((regular * Decimal("0.8")).quantize(Decimal("0.01")))
            if on_sale
            else "",
            "manage_stock": managed,
            "stock_quantity": quantity,
            "stock_status": ("instock" if quantity else "outofstock")
            if managed
            else "instock",
            "category_ids": category_ids,
            "total_sales": 0,
            "menu_order": 0,
            "parent_id": 0,
            "meta_data": [],
            "date_created": format_date(moment),
            "date_modified": format_date(modified),
        }
        return self.store.put("product", record)

    def customers(self):
        customers, moment = [], _START
        for index in range(CUSTOMERS):
            first, last = self.rng.choice(_FIRST_NAMES), self.rng.choice(_LAST_NAMES)
            local = f"{sanitize_title(first)}.{sanitize_title(last).replace('-', '')}"
            email = f"{local}{index + 1}@example.com"
            moment += timedelta(minutes=self.rng.randint(60, 2000))
            billing = self._address(first, last, with_email=email)
            shipping = (
                dict(billing) if self.rng.random() < 0.8 else self._address(first, last)
            )
            shipping.pop("email", None)
            record = {
                "id": self.store.next_id("user"),
                "email": email,
                "username": email.split("@")[0],
                "password_hash": hashlib.sha256(f"seed-{index}".encode()).hexdigest(),
                "first_name": first,
                "last_name": last,
                "role": "customer",
                "billing": billing,
                "shipping": shipping,
                "is_paying_customer": False,
                "meta_data": [],
                "date_created": format_date(moment),
                "date_modified": format_date(
                    moment + timedelta(days=self.rng.randint(0, 90))
                ),
            }
            customers.append(self.store.put("customer", record))
        return customers

    def orders(self, customers, products):
        rng = self.rng
        sellable = [product for product in products if product["status"] == "publish"]
        statuses = [status for status, weight in _ORDER_STATUSES for _ in range(weight)]
        moment = _START + timedelta(days=60)
        paying, sales = set(), {}
        for _index in range(ORDERS):
            moment += timedelta(
                minutes=rng.randint(20, 1500), seconds=rng.randint(0, 59)
            )
            customer = rng.choice(customers) if rng.random() < 0.85 else None
            status = rng.choice(statuses)
            lines = []
            for product in rng.sample(sellable, rng.randint(1, 5)):
                quantity = rng.randint(1, 4)
                unit = Decimal(product["sale_price"] or product["regular_price"])
                subtotal = unit * quantity
                total = (
                    (subtotal * Decimal("0.9")).quantize(Decimal("0.01"))
                    if rng.random() < 0.1
                    else subtotal
                )
                lines.append(
                    {
                        "id": self.store.next_id("order_item"),
                        "name": product["name"],
                        "product_id": product["id"],
                        "variation_id": 0,
                        "quantity": quantity,
                        "subtotal": str(subtotal),
                        "total": str(total),
                        "meta_data": [],
                    }
                )
                sales[product["id"]] = sales.get(product["id"], 0) + quantity
            goods = sum(Decimal(line["total"]) for line in lines)
            free = goods >= 60
            shipping_line = {
                "id": self.store.next_id("order_item"),
                "method_id": "free_shipping" if free else "flat_rate",
                "method_title": "Free shipping" if free else "Flat rate",
                "instance_id": "2" if free else "1",
                "total": "0.00" if free else "4.90",
                "meta_data": [],
            }
            paid = status in ("processing", "completed", "refunded")
            if paid and customer:
                paying.add(customer["id"])
            if customer:
                first, last = customer["first_name"], customer["last_name"]
                billing = dict(customer["billing"])
                shipping = dict(customer["shipping"])
            else:
                first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
                billing = self._address(
                    first,
                    last,
                    with_email=f"guest{rng.randint(1000, 9999)}@example.org",
                )
                shipping = {
                    key: value for key, value in billing.items() if key != "email"
                }
            method, method_title = rng.choice(_PAYMENTS)
            modified = moment + timedelta(
                hours=rng.randint(0, 72), seconds=rng.randint(0, 3599)
            )
            record = {
                "id": self.store.next_id("post"),
                "parent_id": 0,
                "status": status,
                "currency": "EUR",
                "customer_id": customer["id"] if customer else 0,
                "customer_note": rng.choice(
                    (
                        "",
                        "",
                        "",
                        "Please leave the parcel at the door.",
                        "Gift wrap, please.",
                    )
                ),
                "billing": billing,
                "shipping": shipping,
                "payment_method": method,
                "payment_method_title": method_title,
                "transaction_id": f"TX{rng.randint(10**8, 10**9 - 1)}"
                if paid and method == "paypal"
                else "",
                "line_items": lines,
                "shipping_lines": [shipping_line],
                "meta_data": [],
                "order_key": "wc_order_"
                + "".join(
                    rng.choice(
                        "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
                    )
                    for _ in range(13)
                ),
                "created_via": "checkout",
                "date_created": format_date(moment),
                "date_modified": format_date(modified),
                "date_paid": format_date(moment + timedelta(minutes=2))
                if paid
                else None,
                "date_completed": format_date(modified)
                if status == "completed"
                else None,
            }
            self.store.put("order", record)
        for customer in customers:
            if customer["id"] in paying:
                self.store.put("customer", dict(customer, is_paying_customer=True))
        for product in products:
            if product["id"] in sales:
                self.store.put(
                    "product",
                    dict(
                        self.store.get("product", product["id"]),
                        total_sales=sales[product["id"]],
                    ),
                )
