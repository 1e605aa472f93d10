# Convene's interface strings, English. Every key here must exist in fr.ftl
# and ar.ftl too (a test checks).

site-name = Convene
site-tagline = Conferences of cities and regions
skip-to-content = Skip to content
nav-conferences = Conferences
lang-switcher = Language
footer-feeds = Feeds and data
footer-feed = Atom feed of all conferences
footer-api = JSON API

home-title = Conferences
home-upcoming = Upcoming
home-past = Past
home-no-upcoming = No upcoming conferences yet.
home-no-past = No past conferences.
home-no-conferences = No conferences have been published yet.
topic-title = Conferences on { $topic }
topic-feed = Atom feed of this topic

conference-dates = Dates
conference-venue = Venue
conference-hosts = Hosts
conference-partners = Partners
conference-languages = Languages
conference-topics = Topics
conference-zone = Time zone
conference-about = About the conference
conference-agenda = Agenda
conference-people = Speakers and moderators
conference-calendar = Add the whole agenda to your calendar (.ics)

agenda-title = Agenda
agenda-days = Days of the conference
agenda-all-rooms = All rooms
agenda-room = Room
agenda-track = Track
agenda-seats = Limited to { $count } seats
agenda-empty = The agenda has not been published yet.

kind-ceremony = Ceremony
kind-plenary = Plenary
kind-panel = Panel
kind-discussion = Discussion
kind-workshop = Workshop
kind-round_table = Round table
kind-break = Break
kind-meal = Meal

role-chair = Chair
role-moderator = Moderator
role-speaker = Speaker
role-rapporteur = Rapporteur

session-when = When
session-where = Where
session-kind = Format
session-seats = Seats
session-people = Who takes part
session-calendar = Add this session to your calendar (.ics)
session-back = Back to the agenda

people-title = Speakers and moderators
people-none = No speakers have been announced yet.
person-sessions = Sessions

zone-venue-time = { $time } { $abbr }, { $city } time
zone-your-time = { $time }, your time ({ $zone })
zone-show-mine = Show times in my time zone
zone-show-venue = Show times in the venue's time zone

not-found-title = Page not found
not-found-body = There is no page at this address. The link may be mistyped, or the page may have moved.
not-found-home = See all conferences
error-title = Something went wrong
error-body = The page could not be shown just now. Please try again in a moment.

date-long = { $weekday } { $day } { $month } { $year }
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

country-be = Belgium
country-lb = Lebanon

problem-required = Please fill this in.
problem-too-long = Please shorten this to at most { $max } characters.
problem-control-characters = Please remove line breaks, tabs and invisible characters.
problem-markup = Please remove the angle brackets (< and >).
problem-not-an-email = Please enter an email address such as name@example.org.
problem-choose-one = Please choose one of the options.
problem-consent-required = Please agree to the processing of your data: the conference cannot register you without it.

category-mayor_or_governor = Mayor or governor
category-local_or_regional_government = Local or regional government
category-national_government = National government
category-international_organisation = International organisation
category-civil_society = Civil society
category-academia = Academia
category-private_sector = Private sector
category-press = Press

mail-greeting = Dear { $name },
mail-greeting-plain = Hello,
mail-closing = With best regards, the conference secretariat
mail-verification-subject = Confirm your email address: { $conference }
mail-verification-body = Thank you for registering for { $conference }. Please confirm your email address by opening the link below within 48 hours.

    If you did not register, you can ignore this message: nothing will happen.
mail-confirmation-subject = Your registration is confirmed: { $conference }
mail-confirmation-body = Your registration for { $conference } is confirmed. You can see, change or cancel it at any time with your private link below; keep it to yourself.
mail-waiting_list-subject = You are on the waiting list: { $conference }
mail-waiting_list-body = { $conference } is full for now. You are number { $position } on the waiting list; if a place frees up, you will be registered automatically and told by email. Your private link below shows your registration.
mail-awaiting_approval-subject = Your registration is being reviewed: { $conference }
mail-awaiting_approval-body = Thank you for confirming your email address. The organisers of { $conference } review every registration; you will hear from them by email. Your private link below shows your registration.
mail-private_link-subject = Your private link: { $conference }
mail-private_link-body = Someone, probably you, asked again to register for { $conference } with this address. You are already registered: your private link below shows your registration and lets you change or cancel it.
mail-cancellation-subject = Your registration is cancelled: { $conference }
mail-cancellation-body = Your registration for { $conference } is cancelled. If this is a mistake, you can register again from the conference's page.
mail-promotion-subject = A place is yours: { $conference }
mail-promotion-body = Good news: a place has freed up and your registration for { $conference } is now confirmed. Your private link below shows your registration.

conference-register = Register
register-title = Register
register-intro = Registration takes a few minutes. We will send you an email to confirm your address; you never need a password.
register-errors = Please correct the fields marked below.
register-given-name = Given name
register-family-name = Family name
register-email = Email address
register-organisation = Organisation
register-function = Function
register-optional = optional
register-city = City
register-country = Country
register-country-hint = Two letters (ISO code), for example BE for Belgium or LB for Lebanon.
register-category = Participant category
register-choose = Choose…
register-consent = I agree that the organisers process my data to run this conference.
register-submit = Register
sent-title = Check your email
sent-body = We have sent a message to the address you gave. Open the link in it to confirm your registration. If you are registered already, the message holds your private link instead.
sent-spam = Nothing after a few minutes? Look in your spam folder, or register again: we will send the message again.
verify-title = Confirm your registration
verify-body = Press the button to confirm your email address and your registration.
verify-submit = Confirm my registration
verify-confirmed = Your registration is confirmed. A confirmation is on its way to your inbox, with your private link to see, change or cancel it.
verify-waiting = The conference is full for now: you are number { $position } on the waiting list. If a place frees up, you will be registered automatically and told by email.
verify-awaiting = Thank you: your address is confirmed. The organisers review every registration and will write to you.
verify-expired = This link has expired. Register again to receive a new one.
verify-unknown = This link is not valid, or has been used already. If you registered, your confirmation email has your private link.

link-title = Your registration
link-status-unverified = Your email address is not confirmed yet: open the link in the first email we sent you.
link-status-awaiting_approval = The organisers are reviewing your registration.
link-status-confirmed = Your registration is confirmed.
link-status-waiting = You are number { $position } on the waiting list.
link-status-cancelled = Your registration is cancelled.
link-status-rejected = Your registration was not accepted.
link-cancel-explain = If you cannot come, please cancel: your place goes to the next person on the waiting list.
link-cancel = Cancel my registration
