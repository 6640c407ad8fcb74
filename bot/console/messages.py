"""Every word of the agent console's pages, in English, marked for translation.

The estimate itself is written with the bot's own messages (:mod:`bot.messages`) in the
consumer's language; these are the page's labels, buttons and errors in the agent's.
"""

from __future__ import annotations

from typing import Final

from bot.i18n.markers import _

# TRANSLATORS: Title of the field agents' web console. Bijuli is the service's name.
CONSOLE_TITLE: Final = _("Bijuli agent console")
# TRANSLATORS: Button and page title: sign in to the agent console.
SIGN_IN: Final = _("Sign in")
# TRANSLATORS: Sign-in form field: the agent's user name.
AGENT_NAME: Final = _("Agent name")
# TRANSLATORS: Sign-in form field.
PASSWORD: Final = _("Password")
# TRANSLATORS: Button: sign out of the agent console.
SIGN_OUT: Final = _("Sign out")
# TRANSLATORS: Shown at the top of every page. {name} is the agent's user name.
SIGNED_IN_AS: Final = _("Signed in as {name}")
# TRANSLATORS: Sign-in refused. Do not say which of the two was wrong.
SIGN_IN_REFUSED: Final = _("The agent name or the password is wrong.")
# TRANSLATORS: Sign-in refused after too many wrong passwords. {minutes} is a number.
SIGN_IN_LOCKED: Final = _(
    "Too many wrong attempts. Signing in is blocked for {minutes} minutes; please wait."
)
# TRANSLATORS: A form was sent without its security token (an old or copied page).
FORM_EXPIRED: Final = _("This form has expired. Please open the page again and try once more.")
# TRANSLATORS: Shown when the agent's session ended; they must sign in again.
SIGNED_OUT: Final = _("You are signed out.")
# TRANSLATORS: Label of the language switch of the console's pages.
PAGE_LANGUAGE: Final = _("Page language")
# TRANSLATORS: Button that applies a choice (of language).
APPLY: Final = _("Change")
# TRANSLATORS: Menu link and button: start a new assisted bill estimate.
NEW_ESTIMATE: Final = _("New estimate")
# TRANSLATORS: Menu link: the list of today's estimates.
DAY_LOG: Final = _("Today's estimates")

# TRANSLATORS: Estimate form: the consumer's connection category.
CATEGORY: Final = _("Category")
# TRANSLATORS: Estimate form: a search box that filters the list of categories.
SEARCH_CATEGORY: Final = _("Search a category in Odia, Hindi or English")
# TRANSLATORS: First, empty choice in the category list.
CHOOSE_CATEGORY: Final = _("Choose a category")
# TRANSLATORS: Estimate form: the language the estimate is shown to the consumer in.
CONSUMER_LANGUAGE: Final = _("Consumer's language")
# TRANSLATORS: Estimate form: units consumed in the month.
UNITS_FIELD: Final = _("Units used in the month")
# TRANSLATORS: Estimate form: heading before the two meter readings, used instead of units.
OR_READINGS: Final = _("Or the two meter readings")
# TRANSLATORS: Estimate form: the meter reading at the start of the month.
PREVIOUS_READING: Final = _("Previous reading")
# TRANSLATORS: Estimate form: the meter reading at the end of the month.
PRESENT_READING: Final = _("Present reading")
# TRANSLATORS: Estimate form: sanctioned load or contract demand, in kW or kVA.
LOAD_FIELD: Final = _("Sanctioned load or contract demand (kW or kVA)")
# TRANSLATORS: Estimate form: the highest demand the meter recorded in the month.
MAX_DEMAND_FIELD: Final = _("Maximum demand recorded (kW or kVA)")
# TRANSLATORS: Estimate form: energy in kWh, for the load factor of large consumers.
KWH_FIELD: Final = _("Energy in the month (kWh)")
# TRANSLATORS: Estimate form: units used in the solar hours, 8 in the morning to 4 in the
# afternoon (cheaper time-of-day rate).
SOLAR_UNITS_FIELD: Final = _("Units used from 8 am to 4 pm")
# TRANSLATORS: Estimate form: units used in the peak hours, 6 in the evening to midnight.
PEAK_UNITS_FIELD: Final = _("Units used from 6 pm to midnight")
# TRANSLATORS: Estimate form, a tick box: the consumer lives in a village (rural rebate).
RURAL_FIELD: Final = _("Lives in a village")
# TRANSLATORS: Estimate form, a tick box: the consumer gets the bill electronically.
EBILL_FIELD: Final = _("Gets the bill as an e-bill")
# TRANSLATORS: Estimate form: the type of the electricity meter.
METER_FIELD: Final = _("Meter")
# TRANSLATORS: Meter choice when the type is not known.
METER_UNKNOWN: Final = _("Not known")
# TRANSLATORS: Estimate form: the consumption month, as year and month.
MONTH_FIELD: Final = _("Month of the bill")
# TRANSLATORS: Estimate form: the consumer's name, which the agent may leave empty.
CONSUMER_NAME: Final = _("Consumer's name (optional)")
# TRANSLATORS: Estimate form: the consumer's mobile number, which the agent may leave empty.
CONSUMER_NUMBER: Final = _("Consumer's WhatsApp number (optional)")
# TRANSLATORS: Note under the name and number fields.
PRIVACY_HINT: Final = _(
    "Write a name or number only if the consumer agrees. You can delete the estimate later."
)
# TRANSLATORS: Estimate form: opens the list of appliances, for a consumer who does not know
# the units used in a month.
APPLIANCES_SECTION: Final = _("Don't know the units? Enter the appliances at home")
# TRANSLATORS: Estimate form, under the heading of the appliances: how they are used.
APPLIANCES_HINT: Final = _(
    "Used only when the units and the readings are empty. Write how many of each; the hours a "
    "day are optional (the usual hours are shown)."
)
# TRANSLATORS: Estimate form: column of the appliances' names.
COLUMN_APPLIANCE: Final = _("Appliance")
# TRANSLATORS: Estimate form: column of how many of an appliance the consumer has.
HOW_MANY: Final = _("How many")
# TRANSLATORS: Estimate form: column of the hours a day an appliance is on.
HOURS_A_DAY: Final = _("Hours a day")
# TRANSLATORS: Estimate form: the fridge's yearly energy printed on its BEE star label, in kWh.
FRIDGE_LABEL_KWH: Final = _("kWh a year on the fridge's star label")
# TRANSLATORS: Estimate form: heading of the fridge's size, stars and type, given when the
# label's kWh is not known.
FRIDGE_OR_SIZE: Final = _("Or its size and stars")
# TRANSLATORS: Estimate form: the fridge's volume in litres.
FRIDGE_LITRES: Final = _("Size in litres")
# TRANSLATORS: Estimate form: the fridge's BEE stars, 1 to 5.
FRIDGE_STARS: Final = _("Stars")
# TRANSLATORS: Estimate form: the kind of fridge (single door or double door).
FRIDGE_TYPE: Final = _("Kind of fridge")
# TRANSLATORS: A kind of fridge: single door, cooled directly (no frost-free).
FRIDGE_DIRECT_COOL: Final = _("Single door (direct cool)")
# TRANSLATORS: A kind of fridge: double door, frost-free.
FRIDGE_FROST_FREE: Final = _("Double door (frost free)")
# TRANSLATORS: Button that makes the estimate.
ESTIMATE_BUTTON: Final = _("Estimate the bill")
# TRANSLATORS: Marks a form field this category needs.
REQUIRED: Final = _("needed")

# TRANSLATORS: Form error: no category was chosen.
ERROR_CATEGORY: Final = _("Choose a category from the list.")
# TRANSLATORS: Form error: neither units, nor two readings, nor any appliance were given.
ERROR_UNITS: Final = _("Enter the units, both meter readings, or the appliances at home.")
# TRANSLATORS: Form error: a field does not hold a number.
ERROR_NUMBER: Final = _("Enter a number, such as 250.")
# TRANSLATORS: Form error: the two meter readings cannot be used.
ERROR_READINGS: Final = _("These readings cannot be used. Check them, or enter the units.")
# TRANSLATORS: Form error: this category's bill cannot be made without this figure.
ERROR_REQUIRED: Final = _("This category needs this figure.")
# TRANSLATORS: Form error: the tariff could not bill these figures.
ERROR_ESTIMATE: Final = _("The bill cannot be estimated with these figures. Please check them.")
# TRANSLATORS: Form error: the consumer's number is not a mobile number.
ERROR_PHONE: Final = _("Enter a 10-digit mobile number, or leave it empty.")
# TRANSLATORS: Form error: how many of an appliance is not a whole number from 1 to 100.
ERROR_COUNT: Final = _("Enter how many, a whole number up to 100.")
# TRANSLATORS: Form error: the hours a day an appliance is on is not a number up to 24.
ERROR_HOURS: Final = _("Enter the hours a day, a number up to 24.")
# TRANSLATORS: Form error: the fridge's figures cannot be used. kWh is the unit on its label.
ERROR_FRIDGE: Final = _(
    "Check the fridge: its label's kWh a year (up to 5,000), or its size from 20 to 1,500 litres."
)
# TRANSLATORS: Form error: the month is not one the tariff covers.
ERROR_MONTH: Final = _("Choose a month the current tariff covers.")

# TRANSLATORS: The estimate's reference code, e.g. "Reference: BJ-7K3Q". Keep {ref} as is.
REFERENCE: Final = _("Reference: {ref}")
# TRANSLATORS: Button: show the estimate in large letters to the consumer.
LARGE_PRINT: Final = _("Show to the consumer")
# TRANSLATORS: Button: print the estimate.
PRINT: Final = _("Print")
# TRANSLATORS: Button: send the estimate's summary to the consumer on WhatsApp.
SHARE_WHATSAPP: Final = _("Send on WhatsApp")
# TRANSLATORS: Button: download the estimate as a picture (an image file) to send or keep.
DOWNLOAD_CARD: Final = _("Download the picture")
# TRANSLATORS: The last line of the estimate the agent sends to the consumer on WhatsApp. The
# discom is the electricity distribution company. {ref} is the reference code, e.g. BJ-7K3Q.
SHARE_FROM_AGENT: Final = _(
    "Prepared for you by your discom's field agent. Reference: {ref}. This is an estimate, not "
    "your bill."
)
# TRANSLATORS: Button: delete an estimate from today's list.
DELETE: Final = _("Delete")
# TRANSLATORS: Confirmation. {ref} is the estimate's reference code.
DELETED: Final = _("Estimate {ref} is deleted.")
# TRANSLATORS: Link back to the previous page.
BACK: Final = _("Back")
# TRANSLATORS: Shown for an unknown or deleted reference code.
NOT_FOUND: Final = _("There is no estimate with this reference.")
# TRANSLATORS: Line under a printed estimate. {agent} is the agent's name, {time} the date and
# time it was made.
MADE_BY: Final = _("Made by agent {agent} on {time}")

# TRANSLATORS: Day log summary. {count} is a number.
ESTIMATES_TODAY: Final = _("Estimates today: {count}")
# TRANSLATORS: Day log summary. {total} is an amount in rupees, e.g. ₹12,345.00.
TOTAL_ESTIMATED: Final = _("Total estimated, if paid by the due date: {total}")
# TRANSLATORS: Day log: heading of the counts and totals per category.
BY_CATEGORY: Final = _("By category")
# TRANSLATORS: Day log: nothing estimated yet today.
NO_ESTIMATES_YET: Final = _("No estimates yet today.")
# TRANSLATORS: Button: download today's list as a spreadsheet file.
DOWNLOAD: Final = _("Download the list")
# TRANSLATORS: Day log column: the time an estimate was made.
COLUMN_TIME: Final = _("Time")
# TRANSLATORS: Day log column: the consumer's name or number, when given.
COLUMN_CONSUMER: Final = _("Consumer")
# TRANSLATORS: Day log column: units of electricity.
COLUMN_UNITS: Final = _("Units")
# TRANSLATORS: Day log column: the amount to pay by the due date.
COLUMN_PAYABLE: Final = _("To pay by the due date")
# TRANSLATORS: Day log column: how many estimates.
COLUMN_COUNT: Final = _("Estimates")

# TRANSLATORS: Menu link and page title: estimate the bills of many consumers from one file.
BATCH: Final = _("Many consumers at once")
# TRANSLATORS: Batch page explanation. {columns} is a list of column names, kept in English,
# e.g. "category, units, previous_reading, present_reading, contract_demand, month".
BATCH_HINT: Final = _(
    "Upload a spreadsheet file saved as comma-separated values, one consumer per row. The first "
    "row names the columns: {columns}. A row with a problem gets its reason in the error "
    "column, and every other row is still estimated."
)
# TRANSLATORS: Batch page: the file chooser's label.
BATCH_FILE: Final = _("File with one consumer per row")
# TRANSLATORS: Batch page: the button that starts the estimates.
BATCH_BUTTON: Final = _("Estimate every row")
# TRANSLATORS: Batch page progress. {done} and {total} are numbers of rows. Keep the braces.
BATCH_PROGRESS: Final = _("Estimated {done} of {total} rows")
# TRANSLATORS: Batch page: the results file has been downloaded.
BATCH_DONE: Final = _("Done. The results file is downloaded.")
# TRANSLATORS: Batch error: the first row does not name the columns. {column} is "category".
BATCH_HEADER_ERROR: Final = _(
    "The first row must name the columns, and one of them must be {column}."
)
# TRANSLATORS: Batch error: no file was chosen, or the file is too large. {size} is a number.
BATCH_FILE_ERROR: Final = _("Choose a file of at most {size} MB.")
