"""Answers to the questions people ask at any step (bot.understanding.questions), one per topic.

Rules, besides those of :mod:`bot.messages`: each answer fits one WhatsApp message and goes out
by SMS too, so the most important sentence comes first and the whole stays under 400
characters. No tariff figure is written into the text: every rate, percentage, amount, limit and
date is a placeholder filled from the tariff data by :mod:`bot.rendering.faq`. Bijuli only
estimates; no answer may suggest that it can see or fetch a real bill, or take a payment.
"""

from __future__ import annotations

from typing import Final

from bot.i18n.markers import _

# TRANSLATORS: FAQ answer: what Kutir Jyoti is; the first sentence must stand alone (SMS).
# {kj_limit} is a number of units (e.g. 30), {kj_amount} the fixed monthly charge (e.g. ₹70.00),
# {kj_billed_as} the name of the category billed above the limit (e.g. "Domestic").
FAQ_KUTIR_JYOTI: Final = _(
    "Kutir Jyoti is for poor (BPL) households: up to {kj_limit} units a month cost only a fixed "
    "{kj_amount}. Above {kj_limit} units, the whole month is billed as a {kj_billed_as} "
    "connection, which costs much more, so try to stay within {kj_limit} units."
)
# TRANSLATORS: FAQ answer: what the sanctioned load is and where to find it. {default_load} is
# a load such as "1 kW". "Sanctioned Load" and "Contract Demand" are the labels printed on the
# bill: keep them recognisable (a transliteration is fine).
FAQ_SANCTIONED_LOAD: Final = _(
    "Sanctioned load is how much power your connection may draw at one time, in kW. It is "
    'printed on your bill with your connection details, as "Sanctioned Load" or "Contract '
    "Demand\". Your fixed charge every month depends on it. If you don't know it, I take "
    "{default_load}."
)
# TRANSLATORS: FAQ answer: what a smart meter is. {smart_rent} is the monthly meter rent of a
# single-phase smart meter (e.g. ₹60.00), {prepaid} the prepaid rebate (e.g. 4%).
FAQ_SMART_METER: Final = _(
    "A smart meter records your electricity use and sends the reading to your electricity "
    "company by itself, so no one needs to come and read it. You can see your use in the "
    "company's app. It can also work as prepaid: recharge first, then use, with a {prepaid} "
    "rebate. A single-phase smart meter's rent is {smart_rent} a month."
)
# TRANSLATORS: FAQ answer: how to read a meter and get the units from two readings. Keep the
# example readings "12450 12710" as they are: users copy them. kWh is the unit on the display.
FAQ_METER_READING: Final = _(
    "Units used = this month's reading minus last month's reading. Read the number marked kWh on "
    "the meter's display (a smart meter shows several screens in turn: wait for kWh). The last "
    "reading is printed on your bill. Send me both readings, like 12450 12710, and I will work "
    "out the units."
)
# TRANSLATORS: FAQ answer: the due date. Bijuli cannot see the user's bill.
FAQ_DUE_DATE: Final = _(
    "The due date is printed on your bill, next to the amount to pay; the SMS and the app of "
    "your electricity company show it too. Pay the whole bill by that date to get the on-time "
    "rebate. After it the rebate is lost, and shops, offices and industries may also pay a late "
    "surcharge. I cannot see your bill."
)
# TRANSLATORS: FAQ answer: how and where to pay. {digital} is the digital payment rebate (e.g.
# 4%). TPCODL, TPSODL, TPWODL and TPNODL are the four electricity companies of Odisha: keep them
# in Latin letters. BBPS is Bharat BillPay, the bill-payment option inside UPI and bank apps.
FAQ_PAYMENT: Final = _(
    "Pay in your electricity company's app or website (TPCODL, TPSODL, TPWODL or TPNODL), in any "
    "UPI or bank app under electricity bills (BBPS), or in cash at a company cash counter or Jan "
    "Seva Kendra. Paying the whole bill digitally before the due date gives homes {digital} off. "
    "1912 is for complaints, not payments. I only estimate bills."
)
# TRANSLATORS: FAQ answer: the rebates in general. {prompt} is money per unit (e.g. ₹0.10),
# {digital} and {prepaid} are percentages, {ebill} money per bill, {rural} money per unit.
FAQ_REBATES: Final = _(
    "Ways to pay less: pay by the due date ({prompt} off per unit for homes); pay the whole bill "
    "digitally ({digital} more off); take an e-bill ({ebill} off each bill); village homes get "
    "{rural} more per unit when they pay on time; prepaid meters get {prepaid}. Ask me for an "
    "estimate to see which apply to you."
)
# TRANSLATORS: FAQ answer: the digital payment rebate. {digital} is a percentage (e.g. 4%).
FAQ_REBATE_DIGITAL: Final = _(
    "Pay the whole bill digitally (UPI, card, or your electricity company's app or website) "
    "before the due date and get {digital} off, on top of other rebates. It is for home "
    "connections and single-phase shops and offices. Paying in full before the due date at a "
    "Jan Seva Kendra counts too."
)
# TRANSLATORS: FAQ answer: the on-time (prompt payment) rebate. {prompt} is money per unit
# (e.g. ₹0.10), {prompt_percent} a percentage (e.g. 1%).
FAQ_REBATE_PROMPT: Final = _(
    "Pay the whole bill by the due date and you get a rebate: {prompt} for every unit for "
    "homes and most small connections, about {prompt_percent} of the charges for larger ones. Pay "
    "after the due date and the rebate is lost. Kutir Jyoti has no such rebate."
)
# TRANSLATORS: FAQ answer: the rural rebate. {rural} is money per unit (e.g. ₹0.10).
FAQ_REBATE_RURAL: Final = _(
    "Home connections in villages (rural areas) with a working meter get {rural} off for every "
    "unit when the bill is paid by the due date. This comes on top of the on-time rebate."
)
# TRANSLATORS: FAQ answer: the e-bill discount. {ebill} is money per bill (e.g. ₹10.00).
FAQ_REBATE_EBILL: Final = _(
    "Choose an e-bill (on WhatsApp, SMS or e-mail) instead of a paper bill and get {ebill} off "
    "every bill. Ask your electricity company to switch, in its app, on its website or at its "
    "office."
)
# TRANSLATORS: FAQ answer: the prepaid rebate. {prepaid} is a percentage (e.g. 4%).
FAQ_REBATE_PREPAID: Final = _(
    "Prepaid consumers (a smart meter you recharge before using electricity) get a {prepaid} "
    "rebate on the amount they recharge. Ask your electricity company about a prepaid meter."
)
# TRANSLATORS: FAQ answer: the delayed payment surcharge (DPS). {dps_min_load} is a load such as
# "5 kW", {dps_percent} and {dps_other_percent} are percentages a month (e.g. 1%, 1.25%).
FAQ_DPS: Final = _(
    "Delayed payment surcharge (DPS) is extra money for paying after the due date. Ordinary "
    "home connections do not pay it. Shops and offices with a load of {dps_min_load} or more pay "
    "{dps_percent} a month on the unpaid amount, counted by the day; some larger connections pay "
    "{dps_other_percent}. Anyone who pays late also loses the on-time rebate."
)
# TRANSLATORS: FAQ answer: time-of-day (ToD) rates. {tod_start} is a date (e.g. 1 July
# 2026), {tod_min_load} a load (e.g. 10 kW), {tod_discount} and {tod_surcharge} percentages (e.g.
# 10%). The hours are numbers on the 12-hour clock: {solar_from} (morning) to {solar_to}
# (afternoon) are solar hours, {peak_from} (evening) to midnight are peak hours.
FAQ_TOD: Final = _(
    "From {tod_start}, connections with a smart meter and a load above {tod_min_load} (not "
    "irrigation or farming) pay by the time of day: units used from {solar_from} AM to "
    "{solar_to} PM cost {tod_discount} less, units used from {peak_from} PM to midnight cost "
    "{tod_surcharge} more. Other hours are at the normal rate."
)
# TRANSLATORS: FAQ answer when the tariff in force has no time-of-day rates.
FAQ_TOD_NONE: Final = _("Time-of-day rates do not apply under the tariff in force.")
# TRANSLATORS: FAQ answer: why a bill can be higher than usual. Bijuli only estimates.
FAQ_HIGH_BILL: Final = _(
    "A bill is often higher because more units were used (fans, cooler, AC in summer), and "
    "the more units in a month, the higher the rate for the extra units. An average bill when "
    "the meter was not read, a bill for more than one month, old dues or a late surcharge also "
    "add up. Send me your units for an estimate. If the bill looks wrong, call 1912."
)
# TRANSLATORS: FAQ answer: whom to contact. 1912 is the toll-free number of Odisha's electricity
# companies for complaints and power cuts. Keep TPCODL, TPSODL, TPWODL, TPNODL in Latin letters.
FAQ_CONTACT: Final = _(
    "For complaints and power cuts, call 1912 (toll-free). To pay or to see your real bill, use "
    "your electricity company's app, website or WhatsApp: TPCODL, TPSODL, TPWODL or TPNODL. "
    "Bijuli only estimates bills; it cannot see your account."
)
