# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Benchmark fixture connector (OCA public API only)",
    "summary": "Installed by tests/benchmarks/run.py --against-oca, never by the suite",
    "version": "19.0.1.0.0",
    "license": "LGPL-3",
    "author": "Odoo Community Association (OCA)",
    "website": "https://github.com/OCA/connector",
    "depends": ["mail", "connector"],
    "data": ["security/ir.model.access.csv"],
    "installable": True,
}
