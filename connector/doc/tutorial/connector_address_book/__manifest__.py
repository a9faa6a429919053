# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Connector Tutorial: Address Book",
    "summary": "The manual's tutorial connector: contacts from and to an address book",
    "version": "19.0.1.0.0",
    "category": "Hidden",
    "license": "LGPL-3",
    "author": "Odoo Connector Suite Contributors",
    "website": "https://github.com/odoo-connector-suite/connector",
    "depends": ["connector"],
    "data": [
        "security/ir.model.access.csv",
        "security/address_book_security.xml",
        "data/queue_job_data.xml",
    ],
    "development_status": "Beta",
    "maintainers": ["connector-suite"],
    "installable": True,
}
