"""Privacy: an employee's own data, shown in plain words and downloaded in one archive,
from what every domain registers in ``core.registries.personal_data``."""
