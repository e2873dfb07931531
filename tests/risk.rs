//! The risk stage: flags, urgency and routes (issue 15).
//!
//! [`FLAG_ROWS`] are golden sentences written for these tests, one block per flag: the posts a
//! listening desk must see (each row names the kind of cue it pins down) and beside them the
//! near misses that make such flags useless when they fire on everything — figurative
//! language, stories, one order cancelled, a customer who came *to* the business, a billing
//! mistake, swearing about a thing. Each row asserts only whether the flag is raised (and, when
//! it is, that its evidence is a span of the text), never a confidence the code computed.
//!
//! The example files `tests/data/risk/*.tsv` (written from the flags' guideline by an engineer
//! who did not see the cues) are checked against floors on both halves. Both halves are now
//! tuning data: the even rows were tuned on from the start, the odd rows were held out for two
//! measurements and then, spent, read and tuned on too (round 7). The floors guard against
//! regressions; they are not a measure of recall on new phrasing (the README says what is).
//! Round 13 added rows of its own to each file (after a `#` comment line: new phrasings of the
//! same meanings and their near misses, written before that round's cues and then tuned on),
//! with floors of their own, and round 14 more (after a `# round 14` line). Batch 11
//! (`batch11_<flag>.tsv`) was written in round 14 before its cues and never tuned on: its
//! floors guard what generalised.

use earshot::risk::{Risk, RiskStage};
use earshot::{Analysis, Analyzer, Config};

/// Whether the row's text raises the flag.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    Raised,
    NotRaised,
}
use Expect::*;

/// (flag, expectation, text, what the row pins down)
type Row = (&'static str, Expect, &'static str, &'static str);

#[rustfmt::skip]
const FLAG_ROWS: &[Row] = &[
    // safety: physical harm or danger from a product or service.
    ("safety", Raised, "My charger caught fire last night", "fire"),
    ("safety", Raised, "The battery is swelling and the phone gets too hot to touch", "swollen battery, overheating"),
    ("safety", Raised, "Got food poisoning after eating your chicken wrap", "illness after eating"),
    ("safety", Raised, "My son had an allergic reaction, the label didn't list peanuts", "allergic reaction"),
    ("safety", Raised, "The driver was texting and ran two red lights", "unsafe driver"),
    ("safety", Raised, "Your kettle gave me an electric shock", "electric shock"),
    ("safety", NotRaised, "This deal is fire 🔥", "figurative: fire as praise"),
    ("safety", NotRaised, "Your new update is killing it", "figurative: killing it"),
    ("safety", NotRaised, "Watched a documentary about a factory fire last night, great film", "a fire in a story"),
    ("safety", NotRaised, "The new hot sauce is insanely spicy, love it", "hot food"),
    ("safety", NotRaised, "I'm sick of waiting for my refund", "sick of: fed up, not ill"),
    ("safety", NotRaised, "My phone blew up with notifications after the launch", "figurative: blew up"),
    // legal: legal action or a regulator threatened or involved.
    ("legal", Raised, "If I don't get my deposit back I will take you to small claims court", "small claims"),
    ("legal", Raised, "I've contacted my lawyer about this", "a lawyer"),
    ("legal", Raised, "Filing a complaint with the FTC today", "a regulator"),
    ("legal", Raised, "Keeping my deposit without a reason is illegal", "this is illegal"),
    ("legal", Raised, "Everyone affected should join the class action against them", "class action"),
    ("legal", Raised, "I have reported you to trading standards", "a consumer-protection body"),
    ("legal", NotRaised, "I'd sue for that recipe, it's so good", "figurative: would sue for"),
    ("legal", NotRaised, "This cake should be illegal", "figurative: should be illegal"),
    ("legal", NotRaised, "Just watched a courtroom drama about a lawyer, loved it", "a lawyer in a story"),
    ("legal", NotRaised, "My friend is a lawyer and she loves your app", "a lawyer who is a fan"),
    ("legal", NotRaised, "I am legally obsessed with these shoes", "figurative: legally"),
    ("legal", NotRaised, "Where can I find your terms and conditions?", "the legal page"),
    // churn: has left or will leave.
    ("churn", Raised, "I'm cancelling my subscription today", "cancel a subscription"),
    ("churn", Raised, "Switching to another provider next month", "switching away"),
    ("churn", Raised, "Never buying from you again", "never again"),
    ("churn", Raised, "You just lost a customer", "lost a customer"),
    ("churn", Raised, "Uninstalled the app, I'm done with it", "uninstalling"),
    ("churn", Raised, "Closing my account after 10 years with you", "closing an account"),
    ("churn", NotRaised, "How do I cancel this one order? I ordered the wrong size", "cancel one order"),
    ("churn", NotRaised, "I switched to you from my old bank and I'm so happy", "switched to the business"),
    ("churn", NotRaised, "Never been happier with a purchase", "never, of something else"),
    ("churn", NotRaised, "Can I cancel my delivery slot and pick another one?", "cancel a slot, staying"),
    ("churn", NotRaised, "I'll never forget how kind your staff were", "never forget"),
    ("churn", NotRaised, "This song will stay on repeat forever", "forever"),
    // escalation: taking it public or over the channel's head.
    ("escalation", Raised, "I'm going to the press with this", "the press"),
    ("escalation", Raised, "Posting this everywhere until someone responds", "posting it everywhere"),
    ("escalation", Raised, "I want to speak to a manager now", "demanding a manager"),
    ("escalation", Raised, "Emailing your CEO tonight about this", "the CEO"),
    ("escalation", Raised, "If this isn't sorted today I will escalate it", "I will escalate"),
    ("escalation", Raised, "Contacting the local news about how you treated my mum", "the media"),
    ("escalation", NotRaised, "Tell your manager the staff were amazing", "a manager, praised"),
    ("escalation", NotRaised, "I've told all my friends how great you are", "telling everyone, praise"),
    ("escalation", NotRaised, "Read about your new product in the press release", "a press release"),
    ("escalation", NotRaised, "Can I speak to someone about my order?", "asking for a person"),
    ("escalation", NotRaised, "The CEO gave a great keynote yesterday", "the CEO, not contacted"),
    ("escalation", NotRaised, "We've escalated the bug to the engineering team", "support escalating internally"),
    // security: account or money compromised.
    ("security", Raised, "My account was hacked and someone changed my password", "hacked"),
    ("security", Raised, "There are charges on my card that I didn't make", "unauthorised charges"),
    ("security", Raised, "Got a phishing text pretending to be from you", "phishing"),
    ("security", Raised, "Someone stole my identity and opened an account in my name", "identity theft"),
    ("security", Raised, "You shared my data with advertisers without my consent", "data without consent"),
    ("security", Raised, "Money is missing from my account and I never authorised these transfers", "money taken"),
    ("security", NotRaised, "I was charged twice for the same order", "a billing mistake"),
    ("security", NotRaised, "The price is a total scam", "rip-off, not fraud"),
    ("security", NotRaised, "I forgot my password, how do I reset it?", "a forgotten password"),
    ("security", NotRaised, "Great life hack for saving battery", "life hack"),
    ("security", NotRaised, "At that price this deal is a steal", "a steal"),
    ("security", NotRaised, "Some tips to spot phishing emails", "advice about phishing"),
    // abuse: insults, slurs, harassment or threats aimed at people.
    ("abuse", Raised, "You are useless idiots", "insult at you"),
    ("abuse", Raised, "Fuck you and your company", "swearing at"),
    ("abuse", Raised, "Your staff are a bunch of morons", "insult at staff"),
    ("abuse", Raised, "I will find you and hurt you", "threat"),
    ("abuse", Raised, "Shut up you stupid bot", "insult at an agent"),
    ("abuse", Raised, "Your delivery driver is a pathetic loser", "insult at staff"),
    ("abuse", NotRaised, "This fucking app keeps crashing", "swearing about a thing"),
    ("abuse", NotRaised, "Damn, the update is slow", "swearing about a thing"),
    ("abuse", NotRaised, "What the hell happened to my order?", "swearing about a thing"),
    ("abuse", NotRaised, "I felt like an idiot for not reading the manual", "insulting oneself"),
    ("abuse", NotRaised, "Haha you guys are killing me 😂", "banter"),
    ("abuse", NotRaised, "The stupid printer jammed again", "an insult at a thing"),
];

/// Golden sentences for the cue groups added to make recall generalise (issue 15, written from
/// the flags' definitions and everyday English, not from the example files): each row names
/// the cue group it pins (`group: wording`), and the near misses beside them name the trap.
#[rustfmt::skip]
const BROADER_ROWS: &[Row] = &[
    // safety
    ("safety", Raised, "There was a sliver of glass in my yoghurt", "contamination_more: a sliver of glass"),
    ("safety", NotRaised, "Sitting in a 75 ton piece of metal for six hours, fun", "a piece of metal, figurative"),
    ("safety", Raised, "My wife ended up in A&E after eating your salad", "contamination_more: ended up in A&E"),
    ("safety", Raised, "The driver was driving like a maniac, I feared for my life", "vehicle_driving: reckless driving, feared for my life"),
    ("safety", NotRaised, "Driving to the airport now, feared I'd miss the flight", "driving, no danger"),
    ("safety", Raised, "The ladder snapped with me on it and I fell", "structure_danger: gave way under me"),
    ("safety", Raised, "The fire exit was chained shut the whole night", "structure_danger: a blocked fire exit"),
    ("safety", NotRaised, "The fire exit sign is a bit hard to read, minor thing", "a fire exit mentioned"),
    ("safety", Raised, "The power bank started smouldering in my bag", "danger_more: smouldering"),
    ("safety", Raised, "The pram brake doesn't hold on a slope", "danger_round3: a brake that doesn't hold"),
    ("safety", Raised, "The chicken was still pink inside and my kids ate it", "danger_round3: undercooked chicken"),
    ("safety", NotRaised, "The steak was perfectly pink inside, lovely", "pink steak as intended"),
    ("safety", Raised, "Our dog got really sick after eating your treats", "danger_round3: a pet made ill"),
    ("safety", NotRaised, "I'm sick of your treats being out of stock", "sick of: fed up"),
    // legal
    ("legal", Raised, "My solicitor says I have a strong case", "action_more: my solicitor says"),
    ("legal", Raised, "I'm taking this to the financial ombudsman", "action_more: an ombudsman"),
    ("legal", NotRaised, "My lawyer friend says your coffee is the best in town", "a lawyer who is a fan"),
    ("legal", Raised, "Keeping my deposit breaks consumer law", "action_more: breaking the law"),
    ("legal", NotRaised, "What's the legal drinking age in your bars in Spain?", "a legal age, a question"),
    ("legal", Raised, "Expect to hear from my attorney on Monday", "action_round2: hear from my attorney"),
    ("legal", Raised, "I've instructed a solicitor", "action_round3: instructed a solicitor"),
    ("legal", Raised, "See you in the county court", "action_round3: the county court"),
    ("legal", NotRaised, "How do I add power of attorney to my mum's account?", "power of attorney"),
    ("legal", NotRaised, "The lawyer in your new advert is hilarious", "a lawyer in an advert"),
    // churn
    ("churn", Raised, "You've lost my business for good", "leave_more: lost my business"),
    ("churn", Raised, "Taking my custom to the competition from now on", "leave_more: to the competition"),
    ("churn", NotRaised, "Moving back to London next month, can I keep my plan?", "moving house, staying"),
    ("churn", Raised, "I've turned off auto-renew, not worth it", "leave_more: auto-renew off"),
    ("churn", Raised, "Pulling all my savings out of your bank this week", "leave_round2: pulling my money out"),
    ("churn", NotRaised, "How do I take money out at the cash machine abroad?", "withdrawing cash"),
    ("churn", Raised, "Consider this my notice, I'll return the router next week", "leave_round3: notice given"),
    ("churn", Raised, "Already got your competitor's app and it's better. Deleting yours.", "leave_round3: deleting yours"),
    ("churn", NotRaised, "I deleted my old photos to free up space in the app", "deleting data, staying"),
    ("churn", NotRaised, "Cancelled my flight because of the storm, rebooked for Friday", "one flight cancelled"),
    // escalation
    ("escalation", Raised, "Retweet so everyone sees how they treat disabled passengers", "public_more: retweet so everyone sees"),
    ("escalation", Raised, "I'll keep tweeting until someone fixes this", "public_more: keep tweeting until"),
    ("escalation", Raised, "I will make sure everyone knows how you treat customers", "public_more: make sure everyone knows"),
    ("escalation", NotRaised, "Make sure everyone knows the store opens at 9 tomorrow!", "a business's own announcement"),
    ("escalation", Raised, "I've written to my MP about the cancelled trains", "public_more: my MP"),
    ("escalation", Raised, "Going over your head to someone senior", "public_more: over your head, someone senior"),
    ("escalation", NotRaised, "What's your store manager's email? I'd like to thank her", "the manager's email, to praise"),
    ("escalation", Raised, "Forwarding this whole thread to your chief executive", "over_head_round3: to the chief executive"),
    ("escalation", NotRaised, "Shoutout to your CEO for the honest letter about the outage", "the CEO, praised"),
    ("escalation", Raised, "Get your boss to call me today", "over_head_round3: get your boss to call"),
    // security
    ("security", Raised, "Someone got into my account and ordered stuff", "compromised_more: someone got into my account"),
    ("security", Raised, "There's a login from another country that wasn't me", "compromised_more: a login from another country"),
    ("security", NotRaised, "Got a suspicious login alert but it was me on my new laptop", "the alert was the customer"),
    ("security", Raised, "My card was cloned at your self-checkout", "compromised_more: a cloned card"),
    ("security", NotRaised, "Cloned my old hard drive onto your new SSD, worked perfectly", "cloned, a disk"),
    ("security", Raised, "My identity was used to open a credit card in my name", "compromised_round2: in my name"),
    ("security", Raised, "£400 left my account to a payee I never added", "compromised_round3: a payee I never added"),
    ("security", Raised, "Someone changed my password and now I'm locked out", "takeover: outweighs the locked-out guard"),
    ("security", NotRaised, "I'm locked out after too many attempts, how do I reset my password?", "locked out, no one else"),
    ("security", NotRaised, "Your fraud checks blocked my purchase, annoying but fair", "the bank's own check"),
    // abuse
    ("abuse", Raised, "Great job, idiots. Another day lost", "insult_plural: idiots"),
    ("abuse", Raised, "Your CEO is a thief and a liar", "insult_person_more: the CEO is a thief"),
    ("abuse", NotRaised, "A thief stole my bag at the station, can you block my card?", "a thief in a story"),
    ("abuse", Raised, "Clowns running this airline, honestly", "insult_person_more: clowns running it"),
    ("abuse", NotRaised, "The clowns at the kids' party were brilliant, thank you", "clowns, literal"),
    ("abuse", Raised, "Your agents are vermin", "insult_round2: staff are vermin"),
    ("abuse", NotRaised, "This game's final boss is a savage, died 40 times", "a game's boss"),
    ("abuse", Raised, "Hey genius in billing, learn to count", "insult_round3: hey genius, learn to count"),
    ("abuse", NotRaised, "The fat lady hasn't sung yet, still hoping my bag turns up", "an idiom"),
    ("abuse", NotRaised, "I'm such an idiot, I booked the wrong date", "insulting oneself"),
    // round 4
    ("churn", Raised, "Off to a credit union I go, your fees are a joke", "leave_round4: off to another provider"),
    ("churn", NotRaised, "Off to the airport now, is the lounge open?", "off to somewhere, not a provider"),
    ("churn", Raised, "Hit the unsubscribe button the second the price went up", "leave_round4: hit unsubscribe"),
    ("escalation", Raised, "I've posted the whole exchange on LinkedIn", "public_round4: posting the exchange"),
    ("escalation", Raised, "Your shareholders should know about this", "public_round4: the shareholders"),
    ("escalation", NotRaised, "Is there a higher tier plan with more storage?", "higher, a plan"),
    ("security", Raised, "Someone is receiving my one-time codes", "compromised_round4: someone receiving my codes"),
    ("security", Raised, "My details are for sale on some forum after your breach", "compromised_round4: data for sale, after a breach"),
    ("security", NotRaised, "How do I turn on two factor authentication?", "a security setting, nothing wrong"),
    ("safety", Raised, "Bus brakes were smoking the whole journey", "danger_round4: smoking brakes"),
    ("safety", Raised, "The handrail came away from the wall as I went down the stairs", "danger_round4: a handrail gave way"),
    ("safety", NotRaised, "Loved the fireworks show at your hotel", "fireworks, as intended"),
    ("legal", Raised, "I've been advised by counsel not to say more", "action_round4: advised by counsel"),
    ("abuse", Raised, "Whoever hired that receptionist needs their head examined", "insult_round4: needs their head examined"),
    ("abuse", NotRaised, "This update is a nasty piece of work, crashes every time", "a nasty thing, not a person"),
    // round 5
    ("churn", Raised, "Letting my premium run out and not looking back", "leave_round5: letting it lapse"),
    ("churn", Raised, "Finally made the jump to a proper bank", "leave_round5: made the jump to another"),
    ("churn", NotRaised, "Finally made the switch to your app and love it", "switched to the business"),
    ("churn", Raised, "Account deletion requested. Regret ever signing up", "leave_round5: deletion requested"),
    ("churn", NotRaised, "My subscription renews tomorrow, can I update the card first?", "a renewal, staying"),
    ("escalation", Raised, "If I don't hear back by Friday this goes to the ombudsman and the newspapers", "over_head_round5: goes to the papers"),
    ("escalation", Raised, "I've asked three times for a team leader. Put one on the phone", "over_head_round5: asked for a team leader"),
    ("escalation", Raised, "Tagging every journalist I know", "over_head_round5: every journalist"),
    ("escalation", NotRaised, "Who's the team leader on the night shift? I want to send thanks", "a team leader, to thank"),
    ("security", Raised, "There's a loan on my credit file that I never took out", "compromised_round5: a loan I never took out"),
    ("security", Raised, "A woman called knowing my account number and asked me to move my savings to a safe account", "compromised_round5: the safe-account scam"),
    ("security", NotRaised, "My card got declined abroad, do I need to tell you when I travel?", "a declined card"),
    // round 6
    ("safety", Raised, "The scooter's handlebar snapped off mid ride and I went over the front", "danger_round6: a part snapped, thrown over"),
    ("safety", Raised, "The garage said the hire car wasn't roadworthy, the tyres were bald", "danger_round6: not roadworthy, bald tyres"),
    ("safety", Raised, "The lift dropped two floors with us in it", "danger_round6: a lift dropped"),
    ("safety", NotRaised, "No lights till now, what's the issue with the power?", "no lights: an outage"),
    ("safety", NotRaised, "The new sofa is so comfy I nearly died of happiness", "figurative: nearly died"),
    ("legal", Raised, "I'm taking this to arbitration", "action_round6: arbitration"),
    ("legal", Raised, "This is discrimination under the Equality Act", "action_round6: the Equality Act"),
    ("legal", NotRaised, "Watching Suits again, love that show", "a legal drama"),
    ("abuse", Raised, "Your receptionist is a snotty little madam", "insult_round6: snotty little madam"),
    ("abuse", Raised, "Incompetent buffoons, the lot of you", "insult_round6: buffoons, the lot of you"),
    ("abuse", NotRaised, "The lot of you did a brilliant job on my wedding cake", "the lot of you, praised"),
    // round 7-9: compositional families (an action family x an object family, with gaps) and
    // their near misses; each row names its group in risk.json.
    ("safety", Raised, "The glass lid exploded on the hob while I was cooking", "danger_families: a lid .. exploded on"),
    ("safety", Raised, "Our lift jolted and dropped with my dad inside", "danger_families: a lift .. dropped"),
    ("safety", Raised, "The charger was smoking on the bedside table when I woke up", "danger_round8: smoking on the .."),
    ("safety", Raised, "My daughter broke out in hives after the face paint", "danger_round8: broke out in hives"),
    ("safety", Raised, "Sparks shot out of the toaster and the plug melted", "danger_round9: sparks shot out"),
    ("safety", Raised, "The landlord left wiring hanging out of the bathroom wall", "danger_round9: wiring .. hanging"),
    ("safety", NotRaised, "The lift is out of order again, third week running", "a lift that does not work: no danger"),
    ("safety", NotRaised, "Pissed off that the flight took off late", "'off' is no hazard"),
    ("safety", NotRaised, "That movie about a dangerous heist was brilliant", "dangerous in a story"),
    ("legal", Raised, "We'll let a judge decide who pays for the damage", "action_families: let a judge decide"),
    ("legal", Raised, "I've been speaking with a solicitor about the deposit", "action_round8: speaking with .. a solicitor"),
    ("legal", Raised, "A county court claim is going in on Monday", "action_round9: a county court claim"),
    ("legal", Raised, "Refusing a repair is against consumer law", "action_round8: against consumer law"),
    ("legal", NotRaised, "My lawyer recommended your banking app, works well", "joke_round9: a lawyer who recommends"),
    ("legal", NotRaised, "Following the Supreme Court case on the news tonight", "a court case in the news"),
    ("legal", NotRaised, "Can't keep my eyes off your new collection", "can't keep: no withholding"),
    ("churn", Raised, "Ending my broadband plan, four outages this month", "leave_families: ending my .. plan"),
    ("churn", Raised, "We're moving our lines to a different carrier", "leave_families: moving .. to a different carrier"),
    ("churn", Raised, "Just signed up with your competitor", "leave_round8: signed up with your competitor"),
    ("churn", Raised, "We've decided not to renew the licence", "leave_round9: decided not to renew"),
    ("churn", NotRaised, "Can you transfer me to another flight tomorrow?", "not_leaving_round7: transfer me to another"),
    ("churn", NotRaised, "How do I cancel auto top-up without closing the account?", "not_leaving_round7: without closing"),
    ("churn", NotRaised, "The blue ones are never coming back in stock?", "stock, not a customer"),
    ("escalation", Raised, "My followers are going to hear about how you treated us", "public_families: followers .. going to hear about"),
    ("escalation", Raised, "Send me your CEO's email address", "public_families: the CEO's email"),
    ("escalation", Raised, "I'm forwarding this whole thread to your head office", "public_round9: forwarding .. to your head office"),
    ("escalation", Raised, "Taking this story to the local paper", "public_round8: taking this story .. to the paper"),
    ("escalation", NotRaised, "Make sure everyone knows the sale starts Friday!", "make sure everyone knows: an announcement"),
    ("escalation", NotRaised, "The app freezes when I try to share on Facebook", "sharing as a feature"),
    ("escalation", NotRaised, "Where do I send a formal complaint, nothing major, just want it logged", "not_escalating_round7: nothing major"),
    ("security", Raised, "Two orders on my account that I didn't place", "compromised_families: orders .. I didn't place"),
    ("security", Raised, "Somebody has been using my card at your stations", "compromised_families: somebody .. using my card"),
    ("security", Raised, "There's a phone logged into my profile that isn't mine", "compromised_round9: a phone .. that isn't mine"),
    ("security", Raised, "You shared my email address with advertisers", "compromised_round8: shared my .. with advertisers"),
    ("security", NotRaised, "I haven't booked a flight yet, can I still get the deal?", "not booked yet: no disowned charge"),
    ("security", NotRaised, "Our phishing awareness training went really well", "not_breach_round7: phishing training"),
    ("security", NotRaised, "Someone at the shop was rude when I paid, not your fault", "someone .. paid: no account named"),
    ("abuse", Raised, "The agent on the phone was an arrogant little weasel", "insult_round8: ADJ .. weasel"),
    ("abuse", Raised, "Your manager is a spineless coward", "insult_round8: copula + ADJ + coward"),
    ("abuse", Raised, "I'd punch your driver if I saw him again", "insult_families: punch your driver"),
    ("abuse", Raised, "Your courier better watch his back", "insult_round8: better watch his back"),
    ("abuse", NotRaised, "Your customer service is a disgrace", "a disgrace: said of a service, not a person"),
    ("abuse", NotRaised, "My mate called me a muppet for ordering two", "about_a_thing_round8: a mate who called me"),
    ("abuse", NotRaised, "Design is a tool to make life better", "a tool: no insult"),
    ("abuse", NotRaised, "The pirate villain is a total creep, amazing acting", "about_a_thing_round7: a villain"),
    ("safety", Raised, "The fire exit was padlocked during the concert", "danger_round10: a fire exit locked"),
    ("safety", NotRaised, "I could have died of embarrassment when my card was declined", "figurative_round10: died of embarrassment"),
    ("safety", NotRaised, "Got burned by your sale, paid full price the day before", "figurative_round10: burned by a sale"),
    ("legal", Raised, "My claim is lodged with the employment tribunal", "action_round10: a claim lodged with the tribunal"),
    ("legal", NotRaised, "My solicitor loved your hotel, she's booking again", "joke_round9: a solicitor who is a fan"),
    ("churn", Raised, "Giving up on your broadband service, it never works", "leave_round10: giving up on your service"),
    ("churn", Raised, "Switching back to my old supplier next week", "leave_round10: switching back to my old supplier"),
    ("churn", NotRaised, "Switching back to dark mode fixed the glare", "switching back to a setting"),
    ("escalation", Raised, "Sort it out or I go to the press", "public_round10: or I go to the press"),
    ("escalation", Raised, "This will be on the front page by Friday", "public_round10: on the front page"),
    ("escalation", NotRaised, "Can you escalate this to tech support please?", "not_escalating_round10: escalated to support"),
    ("security", Raised, "Your app showed me other customers' addresses", "compromised_round10: showed me other customers' data"),
    ("security", NotRaised, "I can't get into my account after the update", "locked out, nobody else got in"),
    ("abuse", Raised, "I hope your driver gets run over", "insult_round10: hope your driver .. gets run over"),
    ("abuse", Raised, "He won't walk out of here in one piece", "insult_round10: a threat"),
    ("abuse", NotRaised, "I'm a total numpty, left my card at home", "about_a_thing_round10: insulting oneself"),
    ("safety", Raised, "Found broken glass in my daughter's chips", "danger_round11: glass in my .. chips"),
    ("legal", Raised, "I'm taking this to the employment tribunal", "action_round11: taking this to the .. tribunal"),
    ("legal", NotRaised, "It's a crime how cheap your socks are", "joke_round11: a crime how cheap"),
    ("churn", Raised, "Don't bother with a retention offer, I'm off", "leave_round11: no retention offer"),
    ("escalation", Raised, "I've informed my MP about your fees", "public_round11: informed my MP"),
    ("escalation", NotRaised, "Tell your senator to support the bill", "telling someone else to write: not escalating"),
    ("security", Raised, "Your cashier photographed my card with his phone", "compromised_round11: a cashier photographed my card"),
    ("abuse", Raised, "Somebody should slap the moron who wrote this policy", "insult_round11: slap the moron"),
    ("safety", Raised, "The e-bike battery started a fire in our hallway", "danger_round12: started a fire in our .."),
    ("safety", Raised, "The room filled with black smoke from the dryer", "danger_round12: filled with black smoke"),
    ("churn", Raised, "You've lost a twenty year customer today", "leave_round12: lost a .. customer"),
    ("churn", NotRaised, "Cancelled my other subscriptions, yours is the one I keep", "not_leaving_round12: my other subscriptions"),
    ("escalation", Raised, "I'm emailing your chief exec about this", "public_round12: emailing your chief exec"),
    ("escalation", Raised, "Put me through to someone above you", "public_round12: someone above you"),
    ("security", Raised, "You posted my letter to a complete stranger", "compromised_round12: to a complete stranger"),
    ("security", NotRaised, "How can I spot a scam text from your bank?", "not_breach_round12: spotting a scam text"),
    ("abuse", Raised, "That rude cashier needs a slap", "insult_round12: needs a slap"),
    ("abuse", NotRaised, "Please don't break the box when you deliver", "break the box: no body part"),
    // round 13: new phrasings of the same meanings, each row naming its group in risk.json
    // (or, where the group did not fit the 5 MB heap budget of tests/memory.rs and an earlier
    // round's cues catch the row anyway, saying so), with the near misses beside them.
    ("legal", NotRaised, "Your prices should be against the law, they're so low", "joke_round13: should be against the law"),
    ("security", NotRaised, "There's a charge I don't recognise, oh wait, it's my parking permit", "not_breach_round13: oh wait"),
    ("safety", NotRaised, "Got a nasty shock when I saw the bill", "danger_round13: a shock at a bill, no device"),
    ("safety", Raised, "There's a smell of something burning behind the washing machine", "danger_round13: smell of something burning"),
    ("safety", Raised, "The jar lid flew off and boiling jam went all over the counter", "danger_round13: a lid flew off .. boiling"),
    ("safety", Raised, "The taxi ran a stop sign and nearly hit a cyclist", "danger_round13: ran a stop sign"),
    ("safety", NotRaised, "What if the heater tips over? Does it switch itself off?", "a question about a hypothetical (earlier rounds' cues)"),
    ("legal", Raised, "If you don't refund me I'll press charges", "action_round13: press charges"),
    ("legal", Raised, "The Information Commissioner will hear about this", "action_round13: a regulator will hear"),
    ("legal", Raised, "I'm collecting all the receipts for my claim against your firm", "action_round13b: evidence for a claim"),
    ("legal", NotRaised, "Reading a novel about a class action, gripping", "joke_round13: reading a story"),
    ("churn", Raised, "Honestly done with your bank, it's a shambles", "leave_round13: done with your bank"),
    ("churn", Raised, "Time to jump ship, your fees went up again", "leave_round13: jump ship"),
    ("churn", Raised, "Moved my salary to another bank this morning", "leave_round13: moved my salary to another"),
    ("churn", Raised, "Voting with my feet after that price rise", "leave_round13b: voting with my feet"),
    ("churn", NotRaised, "Done with the setup in two minutes, easy", "done with the setup (earlier rounds' cues)"),
    ("churn", NotRaised, "Just joined from another bank, loving it so far", "joined from another (earlier rounds' cues)"),
    ("churn", NotRaised, "Can I move my savings into your fixed saver?", "moving money within, not away"),
    ("escalation", Raised, "This whole exchange is going on Reddit tonight", "this .. going on Reddit (earlier rounds' cues)"),
    ("escalation", Raised, "I will keep tweeting until somebody answers", "keep tweeting until (earlier rounds' cues)"),
    ("escalation", Raised, "I've sent the photos to the local paper", "sent the photos to the paper (earlier rounds' cues)"),
    ("escalation", NotRaised, "Your new advert went viral, well done", "your ad went viral (earlier rounds' cues)"),
    ("escalation", NotRaised, "Who's your team leader? She deserves a raise, lovely service", "asking a team leader's name, to praise (earlier rounds' cues)"),
    ("escalation", NotRaised, "Posted a video on TikTok of my haul, love it all", "posting about a purchase, no complaint"),
    ("security", Raised, "There's a standing order on my account that I never set up", "a standing order I never set up (earlier rounds' cues)"),
    ("security", Raised, "A loan was taken out in my name", "taken out .. in my name (earlier rounds' cues)"),
    ("security", Raised, "My card was cloned at your cash machine", "card cloned (earlier rounds' cues)"),
    ("security", Raised, "Got a login code I didn't request and then my password was changed", "a code I didn't request, then changed (earlier rounds' cues)"),
    ("security", Raised, "My card was used in a country I have never been to", "used in a country I have never been (earlier rounds' cues)"),
    ("security", Raised, "There's a laptop logged into my account that I've never owned", "a device I've never owned (earlier rounds' cues)"),
    ("security", Raised, "Your website let a stranger see my bank statements", "let a stranger see my (earlier rounds' cues)"),
    ("security", NotRaised, "How do I add a new device to my account?", "adding a device, no compromise"),
    ("security", NotRaised, "I changed my email address last week, please update it", "a change the writer made"),
    ("abuse", Raised, "I know where your driver lives", "insult_round13: know where .. lives"),
    ("abuse", Raised, "Rot in hell, the lot of you", "insult_round13: rot in hell"),
    ("abuse", Raised, "Shut your mouth and refund me", "insult_round13: shut your mouth"),
    ("abuse", NotRaised, "I'm the idiot who forgot to click confirm", "insulting oneself (earlier rounds' cues)"),
    ("abuse", NotRaised, "Took the kids to the Neanderthal exhibit, great day", "about_a_thing_round13: a Neanderthal exhibit"),
    // round 13, third pass: families written from the definitions for other industries and
    // more oblique wording (a landlord's, a leisure centre's, a meal box's customers).
    ("safety", Raised, "The gluten free bread put my son in bed for three days", "danger_round13c: put my son .. in bed"),
    ("safety", Raised, "Found a bit of wire in my daughter's fish fingers", "danger_round13c: wire in my .. fish fingers"),
    ("safety", Raised, "My toddler nearly swallowed a piece of the toy", "danger_round13c: nearly swallowed a piece"),
    ("safety", Raised, "The bus braked and my mum went flying down the aisle", "danger_round13c: went flying down"),
    ("safety", NotRaised, "Going flying out of Leeds tomorrow, can't wait", "danger_round13c: flying out, a trip"),
    ("safety", NotRaised, "The vinyl crackling is part of the charm of this record player", "danger_round13c: crackling with no socket or plug"),
    ("legal", Raised, "Next step is the small claims court", "action_round13c: next step is court"),
    ("legal", Raised, "I've logged a complaint with the financial regulator", "action_round13c: logged .. with the regulator"),
    ("legal", Raised, "You can explain that to a judge", "action_round13c: explain that to a judge"),
    ("legal", NotRaised, "My next step is to bake the cake, thanks for the recipe", "a next step with no court"),
    ("legal", NotRaised, "Filing my expenses with your app is so quick", "filing, no threat"),
    ("churn", Raised, "We've signed up with someone else", "leave_round13c: signed up with someone else"),
    ("churn", Raised, "Deleted my dating profile, waste of money", "leave_round13c: deleted my profile"),
    ("churn", Raised, "Not renewing, eight years was enough", "leave_round13c: not renewing"),
    ("churn", Raised, "Membership paused indefinitely until you fix the showers", "leave_round13c: paused .. indefinitely"),
    ("churn", NotRaised, "Paused my box for two weeks while we're away", "a pause with an end"),
    ("churn", NotRaised, "Renewed my membership today, see you at spin", "renewing, not leaving"),
    ("escalation", Raised, "I'm copying your chairman's office into this", "copying in your chairman's office (earlier rounds' cues)"),
    ("escalation", NotRaised, "Your recipe has been shared by all my friends, delicious", "shared by friends, praise"),
    ("escalation", NotRaised, "Who has the authority to approve a refund under £10?", "asking about authority, no demand"),
    ("security", Raised, "You sent my passport to a random person", "a passport to a random person (earlier rounds' cues)"),
    ("security", Raised, "My login details are being sold online", "details being sold online (earlier rounds' cues)"),
    ("security", NotRaised, "How do I add a different email address to my account?", "adding an email, no compromise"),
    ("security", NotRaised, "The cash machine outside your branch is out of order", "a broken cash machine"),
    ("abuse", Raised, "Honestly nobody likes you", "insult_round13c: nobody likes you"),
    ("abuse", Raised, "Your call centre is staffed by morons", "insult_round13c: staffed by morons"),
    ("abuse", Raised, "Your engineer is thick as two short planks", "insult_round13c: thick as two short planks"),
    ("abuse", Raised, "You're a pack of thieving vultures", "insult_round13c: a pack of vultures"),
    ("abuse", NotRaised, "Rude staff at the Leeds branch today, not happy", "a complaint about rude staff, not an insult"),
    ("abuse", NotRaised, "Thick as mince, me, I forgot my PIN again", "insulting oneself (earlier rounds' cues)"),
    ("abuse", NotRaised, "Saw a pack of wolves on your nature documentary, stunning", "animals on a show"),
    // round 13, fourth pass: the holes the grids below found.
    ("churn", Raised, "Leaving you for a rival bank", "leaving you for a rival (earlier rounds' cues)"),
    ("churn", NotRaised, "Heading to a new store opening tomorrow, excited", "heading to a new store, no rival (earlier rounds' cues)"),
    ("security", Raised, "Some stranger logged into my email last night", "some stranger logged into my (earlier rounds' cues)"),
    ("security", NotRaised, "My data allowance was used up in a week", "a data allowance used up"),
    ("escalation", Raised, "Taking this straight to the press", "taking this straight to the press (earlier rounds' cues)"),
    ("escalation", NotRaised, "Please pass my compliments to head office", "passing on compliments (earlier rounds' cues)"),
    ("safety", Raised, "The air fryer caught fire on the worktop", "an air fryer caught fire (earlier rounds' cues)"),
    ("safety", NotRaised, "The new phone sparked a lot of debate in our house", "sparked a debate (earlier rounds' cues)"),
    ("abuse", NotRaised, "This update is so stupid, where did the menu go?", "a stupid thing, not a person"),
    // round 13, fifth pass: the holes a second set of grids found.
    ("security", Raised, "My passport details were leaked in your breach", "compromised_round13e: my details were leaked in"),
    ("security", NotRaised, "Your email about the sale looked great, ordered two", "an email from you, praised"),
    ("churn", NotRaised, "Not shopping today, just browsing the sale", "not shopping today, no leaving"),
    ("safety", Raised, "My daughter was burned by your hair straighteners", "danger_round13e: burned by your .."),
    ("safety", NotRaised, "I got sick on the flight, motion sickness as always", "danger_round13e: sick on a flight, not from a product"),
    ("abuse", Raised, "I'll punch your driver if he's late again", "I'll punch your driver (earlier rounds' cues)"),
    ("abuse", NotRaised, "I would hit the wrong button every time, my fault", "hitting a button"),
    // round 14: families of a meaning (an authority and a way to reach it, a sector's regulator, a
    // supplier switched, a product harming someone, a stranger in the account) and the near misses
    // of escalation's precision work (praise or a promotion shared, a job, the writer's own manager).
    ("escalation", NotRaised, "Please pass my compliments to the chef and the waiters", "not_escalating_round14: compliments passed on"),
    ("escalation", NotRaised, "Share with your friends and you both get 20% off", "not_escalating_round14: a promotion"),
    ("escalation", NotRaised, "I'd like to speak to the manager about a job, are you hiring?", "not_escalating_round14: a job"),
    ("escalation", NotRaised, "My manager told me to book the team's flights with you", "not_escalating_round14: the writer's own manager"),
    ("escalation", NotRaised, "Everyone needs to try your new burger", "not_escalating_round14b: a recommendation"),
    ("escalation", NotRaised, "Just left you a glowing review on Google", "not_escalating_round14b: a glowing review"),
    ("escalation", Raised, "Stop fobbing me off and pass me to a manager", "over_head_round14: pass me to a manager"),
    ("escalation", NotRaised, "Can you pass me the number for the bookings team?", "over_head_round14: passing a number, no manager"),
    ("escalation", Raised, "I want the head of customer services to call me today", "over_head_round14: head of customer services"),
    ("escalation", Raised, "My MP is now involved", "over_head_round14: an MP involved"),
    ("escalation", NotRaised, "My son is now involved in the school play", "over_head_round14: involved, no MP or press"),
    ("escalation", Raised, "Put your supervisor on, I'm done with you", "over_head_round14b: put your supervisor on"),
    ("escalation", NotRaised, "Put your coat on, it's cold at the gate", "over_head_round14b: put .. on, no manager"),
    ("escalation", Raised, "I'm writing to the ombudsman about this", "over_head_round14b: writing to the ombudsman"),
    ("escalation", Raised, "This is going on Trustpilot tonight", "over_head_round14b: going on a review site"),
    ("legal", Raised, "Reported your misleading advert to the advertising watchdog", "action_round14: a sector regulator named by its sector"),
    ("legal", NotRaised, "The advertising on your buses is really clever", "action_round14: advertising, no regulator"),
    ("legal", Raised, "I'll be pursuing this through the courts", "action_round14b: through the courts"),
    ("legal", Raised, "Complaint going to the consumer court next week", "action_round14b: a consumer court"),
    ("legal", NotRaised, "We played tennis on the court behind your hotel", "action_round14b: a tennis court"),
    ("churn", Raised, "After ten years I've switched energy supplier", "leave_round14: switched supplier"),
    ("churn", NotRaised, "My energy supplier switched me to a smart meter", "leave_round14: a supplier switched a meter"),
    ("churn", Raised, "You won't be getting another penny from me", "leave_round14: not another penny"),
    ("churn", NotRaised, "Can I get another pen from the front desk?", "leave_round14: another pen"),
    ("churn", Raised, "Direct debit cancelled, find someone else to rip off", "leave_round14: direct debit cancelled"),
    ("churn", Raised, "Shutting my account down tonight", "leave_round14b: shutting my account down"),
    ("churn", NotRaised, "Shutting my laptop down now, will check tomorrow", "leave_round14b: shutting a laptop down"),
    ("churn", Raised, "Already booked our next holiday with a different company", "leave_round14b: the next booking with a rival"),
    ("churn", NotRaised, "Booked our next holiday with you already, can't wait", "leave_round14b: the next booking with you"),
    ("safety", Raised, "The lift dropped a whole floor with my kids inside", "danger_round14: a lift dropped"),
    ("safety", NotRaised, "The stair lift was fitted today and mum loves it", "danger_round14: a stair lift fitted, no fall"),
    ("safety", Raised, "My daughter got a shock off the charging cable", "danger_round14: a shock off a cable"),
    ("safety", NotRaised, "Got a shock from the bill this month", "danger_round14: a shock from a bill"),
    ("safety", Raised, "The socket behind the fridge has gone black", "danger_round14: a socket gone black"),
    ("safety", Raised, "My son banged his head on the broken bunk bed rail and split his head open", "danger_round14: a head split open"),
    ("safety", Raised, "The takeaway from you left the whole family ill", "harm_words_round14 and stake_round14: ill after a takeaway from you"),
    ("safety", NotRaised, "Loved the takeaway from you, the whole family did", "harm_words_round14: a takeaway from you, no harm"),
    ("safety", Raised, "The new sofa you delivered stinks of chemicals and gave us all headaches", "harm_words_round14 and exposure_words_round14: a chemical stink and headaches"),
    ("safety", NotRaised, "My phone stinks of garlic after cooking lol", "exposure_words_round14: a smell, not a chemical"),
    ("security", Raised, "My air miles were redeemed last week and not by me", "compromised_round14: my miles redeemed"),
    ("security", NotRaised, "My air miles were redeemed for a lovely upgrade, thanks", "compromised_round14: my own miles redeemed, praised"),
    ("security", Raised, "You let a stranger into my account with just my postcode", "compromised_round14: let a stranger into my account"),
    ("security", Raised, "Got a password reset email I never requested", "takeover_round14: a reset I did not request"),
    ("security", NotRaised, "Requested a password reset email and it never came", "takeover_round14: a reset I did request"),
    ("security", Raised, "There's a loan I never took out on my credit file", "compromised_round14b: a loan I never took out"),
    ("security", Raised, "An order was placed in my name last night", "compromised_round14b: placed in my name"),
    ("security", NotRaised, "The order is in my name, can my wife collect it?", "compromised_round14b: an order in my name, mine"),
    ("security", NotRaised, "I saw a payment I didn't recognise but it's my gym, sorry", "not_breach_round14: it's my own gym"),
    ("abuse", Raised, "Your receptionist is a smug little toad", "insult_round14: an animal insult after a copula"),
    ("abuse", NotRaised, "Found a little toad in the hotel garden, so cute", "insult_round14: a real toad"),
    ("abuse", Raised, "Your staff are vermin", "insult_round14: staff are vermin"),
    ("abuse", Raised, "I hope your delivery driver crashes his van", "insult_round14: hoping harm on staff"),
    ("abuse", NotRaised, "I hope your delivery driver gets home safe in this snow", "insult_round14: hoping well"),
    ("abuse", Raised, "The idiot in the call centre hung up on me", "insult_round14b: the idiot in the call centre"),
    ("abuse", NotRaised, "I'm the idiot who forgot to book the return flight", "about_a_thing_round14b: insulting oneself"),
    ("abuse", Raised, "Your manager is a pathetic little man", "insult_round14b: pathetic little man"),
    ("abuse", NotRaised, "The weather today is a bitch", "about_a_thing_round14: the weather"),
    // round 14, second pass: weak families that count only beside another cue (a stranger or
    // another country beside a payment; "never logged in" beside "the app says I did"; a contract
    // that is up beside "I'm out") and more families of a meaning.
    ("security", Raised, "There are payments on my statement from a shop I have never set foot in", "stranger_words_round14 with the money words: payments from a shop never visited"),
    ("security", NotRaised, "Someone else paid for my taxi, what a nice surprise", "stranger_words_round14: someone else paid, no charge of mine"),
    ("security", Raised, "I never logged in yesterday but the app says I did", "stranger_words_round14 and contradiction_words_round14: never logged in, the app says I did"),
    ("security", NotRaised, "The app says I did the survey already, can I do it again?", "contradiction_words_round14 alone"),
    ("security", Raised, "Someone is intercepting my verification codes", "compromised_round14c: someone is getting my codes"),
    ("security", NotRaised, "Is anyone else not getting their verification codes today?", "compromised_round14c: codes not arriving"),
    ("churn", Raised, "We've gone with a different firm for the kitchen", "leave_round14c: gone with a different firm"),
    ("churn", NotRaised, "We've gone with the blue tiles for the kitchen", "leave_round14c: gone with a colour"),
    ("churn", Raised, "Sent the cancellation letter this morning", "leave_round14c: a cancellation letter sent"),
    ("churn", Raised, "Binned the app, waste of space", "leave_round14c: binned the app"),
    ("churn", Raised, "Contract's up in May. I'm out.", "leave_words_round14 with the older churn words: contract up, and I'm out"),
    ("churn", NotRaised, "Contract's up in May, what can you offer me?", "leave_words_round14 alone"),
    ("escalation", Raised, "Ringing your head office first thing tomorrow", "over_head_round14c: ringing head office"),
    ("escalation", NotRaised, "I rang head office to ask about opening times", "not_escalating_round14c: ringing to ask"),
    ("escalation", Raised, "Who do I complain to above you?", "over_head_round14c: who is above you"),
    ("escalation", Raised, "The whole estate knows how you treated my dad", "over_head_round14c: the whole estate knows"),
    ("escalation", NotRaised, "The whole team loved the cakes you sent", "over_head_round14c: the whole team loved"),
    ("safety", Raised, "The kettle spat boiling water all over my daughter", "danger_round14b: boiling water spat over a child"),
    ("safety", NotRaised, "The kettle boils water really fast, love it", "danger_round14b: boiling water, no harm"),
    ("safety", Raised, "The button came off in my toddler's mouth", "danger_round14b: a part came off in a child's mouth"),
    ("legal", Raised, "It's a matter for the courts now", "action_round14c: a matter for the courts"),
    ("legal", NotRaised, "It's a matter of taste really, the food was fine", "action_round14c: a matter of taste"),
    ("abuse", Raised, "Your staff are the dregs of society", "insult_round14c: dregs of society"),
    ("abuse", NotRaised, "The dregs of my coffee were cold, never mind", "insult_round14c: coffee dregs"),
    // round 14, third pass: two families that must meet within a few words, written as one
    // pattern each way round (an AND the linear model cannot make of two weak groups without
    // pairing each with every other weak group).
    ("escalation", Raised, "Emailing your head office tonight, I've had enough", "reach_window_round14: a way to reach, then an authority within a few words"),
    ("escalation", Raised, "Your regional manager is going to hear about this", "reach_window_round14: an authority, then \"going to hear\""),
    ("escalation", NotRaised, "Your regional manager was going to help but got called away", "reach_window_round14: an authority in a story"),
    ("escalation", NotRaised, "My work supervisor needs the receipt emailed by Friday", "not_escalating_round14d: the writer's work supervisor"),
    ("security", Raised, "My savings account, which I haven't touched in months, is nearly empty", "not_me_window_round14: an account word, then \"haven't touched\""),
    ("security", Raised, "Money left my account without my knowledge last night", "not_me_window_round14: an account word, then \"without my knowledge\""),
    ("security", NotRaised, "I haven't touched the app since the update, is it fixed yet?", "not_me_window_round14: \"haven't touched\" with no account word"),
];

fn raised<'a>(risk: &'a Risk, flag: &str) -> Option<&'a earshot::classifier::Category> {
    risk.flags.iter().find(|f| f.label == flag)
}

#[test]
fn golden_sentences_raise_their_flag_and_near_misses_do_not() {
    let analyzer = Analyzer::default();
    let mut wrong = Vec::new();
    for &(flag, expect, text, pins) in FLAG_ROWS.iter().chain(BROADER_ROWS) {
        let analysis = analyzer.analyze(text);
        let found = raised(&analysis.risk, flag);
        if (expect == Raised) != found.is_some() {
            wrong.push(format!(
                "{flag} {expect:?} ({pins}): {text:?} -> {:?}",
                analysis
                    .risk
                    .flags
                    .iter()
                    .map(|f| (&*f.label, f.confidence))
                    .collect::<Vec<_>>()
            ));
        }
        if let Some(flag) = found {
            assert!(
                !flag.evidence.is_empty(),
                "{text:?}: a flag without evidence"
            );
            for e in &flag.evidence {
                assert!(
                    !e.text(text).is_empty(),
                    "{text:?}: evidence {e:?} is not a span of the text"
                );
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} rows wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Grids of one meaning (round 13): every frame x verb x object raises the flag, so that a
/// family covers the inflections and objects people use, not just the wording of one example;
/// beside each, a grid of near misses that must not. (flag, expectation, words of each slot)
#[rustfmt::skip]
const GRIDS: &[(&str, Expect, &[&[&str]])] = &[
    ("churn", Raised, &[&["I'm", "I've", "Just", "Finally"], &["cancelling", "cancelled", "canceled", "closing", "closed", "terminating", "ending", "quitting"], &["my", "our"], &["subscription", "account", "membership", "contract", "plan", "policy", "direct debit", "broadband", "bank account"]]),
    ("churn", NotRaised, &[&["How do I", "Can I", "Please"], &["cancel", "change", "track"], &["this one order", "my 3pm appointment", "the booking for Friday"]]),
    ("security", Raised, &[&["Someone", "Somebody", "A hacker"], &["hacked", "hacked into", "got into", "accessed", "is using", "took over", "broke into", "logged into", "emptied", "cloned"], &["my"], &["account", "email", "card", "bank account", "PayPal", "online banking", "wallet", "savings"]]),
    ("security", NotRaised, &[&["Someone", "Somebody"], &["stole", "took", "scratched"], &["my bike", "my parking space", "my seat on the train"]]),
    ("legal", Raised, &[&["I'm", "I'll be"], &["suing you", "taking legal action", "reporting you to trading standards", "contacting my lawyer", "instructing a solicitor", "taking you to court", "reporting you to the ombudsman", "filing a complaint with the BBB"]]),
    ("legal", NotRaised, &[&["My sister is", "My best friend is", "I'm training to be"], &["a lawyer", "a solicitor", "an attorney", "a judge"]]),
    ("escalation", Raised, &[&["I'm", "I'll be"], &["taking this to", "writing to", "forwarding this to"], &["the press", "the papers", "your CEO"]]),
    ("escalation", NotRaised, &[&["Please", "Can you"], &["pass my thanks to", "say thank you to"], &["head office", "your boss", "the team"]]),
    ("safety", Raised, &[&["My", "The"], &["phone", "charger", "laptop", "heater", "kettle", "toaster"], &["caught fire", "exploded", "melted", "overheated", "gave me a shock"]]),
    ("safety", NotRaised, &[&["My", "The"], &["phone", "charger", "laptop", "kettle"], &["arrived today", "works great", "is fire", "blew my mind"]]),
    ("security", Raised, &[&["I got", "We received"], &["an email", "a text", "a call"], &["pretending to be"], &["you", "your bank", "your support team"]]),
    ("security", Raised, &[&["My", "Our"], &["identity", "card details", "personal information", "email address", "phone number"], &["was", "has been", "got"], &["stolen", "leaked", "exposed", "sold"], &["in your data breach", "by hackers", "online"]]),
    ("security", NotRaised, &[&["Your email", "Your text", "The letter"], &["about the sale", "about my renewal"], &["looked great", "was clear", "arrived today"]]),
    ("churn", Raised, &[&["Never"], &["shopping", "ordering", "flying", "banking", "eating"], &["here", "with you", "from you"], &["again", "ever again"]]),
    ("safety", Raised, &[&["My son", "My dog", "My wife"], &["was", "got"], &["sick", "ill", "burned", "hurt", "injured"], &["after eating", "because of", "from"], &["your food", "your treats", "your heater", "your product"]]),
    ("abuse", Raised, &[&["You are", "Your staff are", "You lot are", "Your agents are"], &["idiots", "morons", "scum", "muppets"]]),
    ("abuse", NotRaised, &[&["This app is", "The update is", "This fucking app is"], &["stupid", "dumb", "useless", "a joke"]]),
];

/// Every combination of one word from each slot, joined by spaces.
fn grid_texts(slots: &[&[&str]]) -> Vec<String> {
    slots.iter().fold(vec![String::new()], |texts, slot| {
        texts
            .iter()
            .flat_map(|text| {
                slot.iter().map(move |word| {
                    if text.is_empty() {
                        (*word).to_string()
                    } else {
                        format!("{text} {word}")
                    }
                })
            })
            .collect()
    })
}

#[test]
fn grids_of_one_meaning_raise_their_flag_and_near_miss_grids_do_not() {
    let analyzer = Analyzer::default();
    let mut wrong = Vec::new();
    for &(flag, expect, slots) in GRIDS {
        for text in grid_texts(slots) {
            let found = raised(&analyzer.analyze(&text).risk, flag).is_some();
            if found != (expect == Raised) {
                wrong.push(format!("{flag} {expect:?}: {text:?}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} texts wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_flag_has_positives_and_near_misses() {
    for flag in RiskStage::new().flags() {
        for expect in [Raised, NotRaised] {
            let n = FLAG_ROWS
                .iter()
                .filter(|r| r.0 == flag && r.1 == expect)
                .count();
            assert!(n >= 6, "{flag}: {n} rows {expect:?}");
        }
    }
}

/// The rows each example file had before round 13 (50 positives and 50 near misses, written by
/// an engineer who did not see the cues); the rows after them were written in round 13.
const FIRST_ROWS: usize = 100;

/// The comment line that starts the rows written in round 14 (after round 13's).
const ROUND14_MARK: &str = "# round 14";

/// Which rows of an example file to score.
#[derive(Clone, Copy, Debug)]
enum Part {
    /// The even rows of the first [`FIRST_ROWS`].
    Even,
    /// The odd rows of the first [`FIRST_ROWS`].
    Odd,
    /// The rows written in round 13, after the first [`FIRST_ROWS`] and before
    /// [`ROUND14_MARK`].
    Round13,
    /// The rows written in round 14, after [`ROUND14_MARK`].
    Round14,
}

/// How many data rows of `tests/data/risk/<file>` come before the comment line `mark` (all of
/// them when there is none).
fn rows_before(file: &str, mark: &str) -> usize {
    let path = format!("{}/tests/data/risk/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .skip(1)
        .take_while(|line| !line.starts_with(mark))
        .filter(|line| !line.starts_with('#'))
        .count()
}

/// Precision and recall of one flag on one part of its example file (rows numbered from 1
/// after the header, comment lines not counted).
fn example_file_scores(analyzer: &Analyzer, flag: &str, part: Part) -> (f64, f64) {
    let file = format!("{flag}.tsv");
    let round14 = rows_before(&file, ROUND14_MARK);
    flag_scores(analyzer, &file, flag, |row| match part {
        Part::Even => row <= FIRST_ROWS && row % 2 == 0,
        Part::Odd => row <= FIRST_ROWS && row % 2 == 1,
        Part::Round13 => row > FIRST_ROWS && row <= round14,
        Part::Round14 => row > round14,
    })
}

/// Precision and recall of `flag` on the rows of `tests/data/risk/<file>` (`expected`, `text`)
/// whose number (1 for the first row under the header, lines starting with `#` being comments
/// and not counted) `keep` takes.
fn flag_scores(
    analyzer: &Analyzer,
    file: &str,
    flag: &str,
    keep: impl Fn(usize) -> bool,
) -> (f64, f64) {
    let path = format!("{}/tests/data/risk/{file}", env!("CARGO_MANIFEST_DIR"));
    let file = std::fs::read_to_string(&path).unwrap();
    let (mut tp, mut fp, mut fn_) = (0.0_f64, 0.0_f64, 0.0_f64);
    let rows = file.lines().skip(1).filter(|line| !line.starts_with('#'));
    for (i, line) in rows.enumerate() {
        if !keep(i + 1) {
            continue;
        }
        let (gold, text) = line.split_once('\t').unwrap();
        let yes = gold == "yes";
        let got = raised(&analyzer.analyze(text).risk, flag).is_some();
        match (yes, got) {
            (true, true) => tp += 1.0,
            (false, true) => fp += 1.0,
            (true, false) => fn_ += 1.0,
            (false, false) => {}
        }
    }
    (tp / (tp + fp).max(1.0), tp / (tp + fn_).max(1.0))
}

/// The fresh examples (`tests/data/risk/fresh/`, 40 positives and 40 near misses per flag):
/// written from the issue's definitions by an engineer who read neither the cues nor the older
/// examples, while the second round's cues were being written by another who never read them.
/// No cue was tuned on them: they are the estimate of recall on wording the cues have not seen.
/// Scored by the lead engineer on main before the second round (recall .35–.55) and after it,
/// and after rounds 13 and 14 were merged; the floors sit just under the last. Prints the
/// figures (`cargo test --test risk fresh -- --nocapture`).
#[test]
fn fresh_examples_stay_above_their_floors() {
    // (flag, precision, recall)
    assert_above_floors(
        "fresh",
        |flag| format!("fresh/{flag}.tsv"),
        &[
            ("safety", 0.9, 0.62),
            ("legal", 0.88, 0.7),
            ("churn", 0.9, 0.6),
            ("escalation", 0.78, 0.5),
            ("security", 0.92, 0.45),
            ("abuse", 0.94, 0.7),
        ],
    );
}

/// Scores each flag's file (named by `file`) and fails naming every flag whose precision or
/// recall falls under its floor; prints the figures, labelled `set`.
fn assert_above_floors(set: &str, file: impl Fn(&str) -> String, floors: &[(&str, f64, f64)]) {
    let analyzer = Analyzer::default();
    let mut below = Vec::new();
    for &(flag, floor_p, floor_r) in floors {
        let (p, r) = flag_scores(&analyzer, &file(flag), flag, |_| true);
        eprintln!("{flag:<10} {set:<8} P {p:.2} R {r:.2}");
        below.extend(under_floor(flag, (p, r), (floor_p, floor_r)));
    }
    assert!(below.is_empty(), "{}", below.join("\n"));
}

/// What to report when precision `p` or recall `r` falls under its floor, for `what`.
fn under_floor(what: &str, (p, r): (f64, f64), (floor_p, floor_r): (f64, f64)) -> Option<String> {
    (p < floor_p || r < floor_r)
        .then(|| format!("{what}: P {p:.2} (floor {floor_p}), R {r:.2} (floor {floor_r})"))
}

/// Floors below the measured figures (README, "Risk flags and urgency"), so that a change that
/// costs a flag much precision or recall on its examples fails; prints the figures.
#[test]
fn example_files_stay_above_their_floors() {
    // (flag, even half: precision, recall; odd half: precision, recall; round 13's rows:
    // precision, recall; round 14's rows: precision, recall). All four parts are tuning data now
    // (see the module docs), so these are regression floors just under what the current cues
    // measure, not estimates of recall on phrasing the cues have not seen.
    #[rustfmt::skip]
    const FLOORS: &[(&str, [f64; 8])] = &[
        ("safety", [0.95, 0.95, 0.95, 0.95, 0.9, 0.92, 0.9, 0.9]),
        ("legal", [0.95, 0.95, 0.9, 0.95, 0.92, 0.92, 0.9, 0.9]),
        ("churn", [0.95, 0.95, 0.92, 0.88, 0.95, 0.92, 0.9, 0.9]),
        ("escalation", [0.95, 0.92, 0.92, 0.95, 0.95, 0.95, 0.9, 0.9]),
        ("security", [0.88, 0.95, 0.95, 0.88, 0.95, 0.95, 0.9, 0.9]),
        ("abuse", [0.92, 0.88, 0.84, 0.88, 0.92, 0.92, 0.9, 0.9]),
    ];
    let analyzer = Analyzer::default();
    let mut below = Vec::new();
    for &(flag, floors) in FLOORS {
        let parts = [
            ("even", Part::Even, floors[0], floors[1]),
            ("odd", Part::Odd, floors[2], floors[3]),
            ("round 13", Part::Round13, floors[4], floors[5]),
            ("round 14", Part::Round14, floors[6], floors[7]),
        ];
        for (name, part, floor_p, floor_r) in parts {
            let (p, r) = example_file_scores(&analyzer, flag, part);
            // The README's table: `cargo test --test risk example_files -- --nocapture`.
            let f1 = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            eprintln!("{flag:<10} {name:<8} P {p:.2} R {r:.2} F1 {f1:.2}");
            below.extend(under_floor(
                &format!("{flag} {name}"),
                (p, r),
                (floor_p, floor_r),
            ));
        }
    }
    assert!(below.is_empty(), "{}", below.join("\n"));
}

/// Batch 11 (`tests/data/risk/batch11_<flag>.tsv`, 15 positives and 15 near misses per flag):
/// written from the definitions in round 14 before any of its cue changes, committed on its
/// own, scored before and after the round and never tuned on — the round's held-out check
/// (README, "Risk flags and urgency"). The floors sit just under what round 14's cues measure,
/// so that a later change that loses what generalised fails; prints the figures
/// (`cargo test --test risk batch11 -- --nocapture`).
#[test]
fn batch11_examples_stay_above_their_floors() {
    // (flag, precision, recall)
    assert_above_floors(
        "batch 11",
        |flag| format!("batch11_{flag}.tsv"),
        &[
            ("safety", 0.85, 0.5),
            ("legal", 0.9, 0.78),
            ("churn", 0.95, 0.7),
            ("escalation", 0.95, 0.64),
            ("security", 0.95, 0.84),
            ("abuse", 0.95, 0.85),
        ],
    );
}

fn urgency(text: &str) -> f64 {
    earshot::analyze(text).risk.urgency
}

/// (more urgent, less urgent, what makes the difference)
#[rustfmt::skip]
const URGENCY_PAIRS: &[(&str, &str, &str)] = &[
    ("My flight is in 2 hours and the app won't let me check in", "The check-in screen could look nicer", "time pressure and being blocked"),
    ("Still waiting for a reply, this is the third time I'm asking", "Thanks for the quick reply yesterday", "waiting and repeated contact"),
    ("I can't log in to my account and my payment is due today", "I logged in to my account today", "blocked, due today"),
    ("Please help, I keep getting an error when I pay", "Paying was quick and easy", "a help request and an error"),
    ("Do you ship to Canada?", "No rush, just curious: do you ship to Canada?", "calm lowers it"),
    ("My charger caught fire", "My charger is a bit slow", "a safety flag"),
    ("WHERE IS MY ORDER?!! This is ridiculous", "where is my order? this is ridiculous", "shouting in anger"),
];

#[test]
fn shouting_counts_only_in_anger() {
    // Exclamation marks and capitals in thanks are not urgent: the near miss of the
    // "shouting in anger" pair above.
    let (shouted, plain) = (
        urgency("THANK YOU SO MUCH!!!"),
        urgency("thank you so much"),
    );
    assert!(shouted <= plain, "{shouted} vs {plain}");
}

#[test]
fn urgency_orders_texts_as_a_reader_would() {
    for &(more, less, why) in URGENCY_PAIRS {
        let (a, b) = (urgency(more), urgency(less));
        assert!(
            a > b,
            "{why}: {more:?} ({a:.3}) should be more urgent than {less:?} ({b:.3})"
        );
    }
}

#[test]
fn answer_first_means_urgency_of_one_half_or_more() {
    for text in [
        "My charger caught fire and the room filled with smoke",
        "My account was hacked and all my savings are gone, please help now",
        "Third time asking: my refund still hasn't arrived and my rent is due tomorrow",
    ] {
        assert!(urgency(text) >= 0.5, "{text:?}: {}", urgency(text));
    }
    for text in [
        "Love the new design!",
        "Thanks for the great service yesterday",
        "It would be nice to have a dark mode someday",
        "",
    ] {
        assert!(urgency(text) < 0.5, "{text:?}: {}", urgency(text));
    }
}

#[test]
fn urgency_is_explained_by_its_inputs() {
    let text = "Still waiting for my refund, my flight is tomorrow!";
    let a = earshot::analyze(text);
    let inputs = RiskStage::new().urgency_inputs(text, &a.sentiment, &a.categories);
    let fired = |name: &str| inputs.iter().find(|i| i.name == name).map(|i| i.value);
    assert_eq!(fired("cue:waiting"), Some(1.0));
    assert_eq!(fired("cue:time_pressure"), Some(1.0));
    assert_eq!(fired("cue:calm"), Some(0.0));
    let logit: f64 = inputs.iter().map(|i| i.value * i.weight).sum();
    assert!((1.0 / (1.0 + (-logit).exp()) - a.risk.urgency).abs() < 1e-9);
}

#[test]
fn route_lists_the_flags_teams_first_then_the_categories_each_once() {
    let a =
        earshot::analyze("My charger caught fire and nobody answers, this is a terrible product");
    assert_eq!(
        a.risk.route.first().map(|t| &**t),
        Some("safety"),
        "{:?}",
        a.risk
    );
    assert!(a.risk.route.iter().any(|t| t == "customer care"));
    let mut teams: Vec<&str> = a.risk.route.iter().map(|t| &**t).collect();
    let n = teams.len();
    teams.sort_unstable();
    teams.dedup();
    assert_eq!(teams.len(), n, "a team twice: {:?}", a.risk.route);

    let praise = earshot::analyze("I love this app, the new design is beautiful");
    assert!(praise.risk.flags.is_empty());
    assert_eq!(praise.risk.route, ["marketing"]);
}

fn analyzer_with(json: &str) -> Analyzer {
    let config = Config::from_json(json).unwrap();
    Analyzer::builder().config(&config).build().unwrap()
}

#[test]
fn configuration_switches_flags_off_and_adds_cues() {
    let abusive = "You are useless idiots";
    let off = analyzer_with(r#"{"risk": {"disable": ["abuse"]}}"#);
    assert!(raised(&off.analyze(abusive).risk, "abuse").is_none());
    assert!(off.risk().unwrap().flags().all(|f| f != "abuse"));
    assert!(raised(&off.analyze("My charger caught fire").risk, "safety").is_some());

    let drone = "The drone fell out of the sky";
    assert!(raised(&Analyzer::default().analyze(drone).risk, "safety").is_none());
    let added = analyzer_with(
        r#"{"risk": {"cues": [{"label": "safety", "name": "drones", "weight": 4, "patterns": ["drone .. (fell|crashed|dropped)"]}]}}"#,
    );
    let found = added.analyze(drone).risk;
    let safety = raised(&found, "safety").expect("the added cue raises safety");
    assert_eq!(safety.evidence[0].text(drone), "drone fell");
}

#[test]
fn configuration_adds_replaces_and_routes_flags() {
    let config = r#"{"risk": {
        "flags": [{"label": "recall", "bias": -3, "cues": [{"name": "recall", "weight": 5, "patterns": ["(product|safety) recall"]}]}],
        "routes": {"recall": ["quality"], "safety": ["product safety"], "praise": []}
    }}"#;
    let a = analyzer_with(config);
    let recall = a.analyze("Is my model part of the product recall?").risk;
    assert!(raised(&recall, "recall").is_some());
    assert_eq!(recall.route.first().map(|t| &**t), Some("quality"));
    let fire = a.analyze("My charger caught fire").risk;
    assert_eq!(fire.route.first().map(|t| &**t), Some("product safety"));
    assert!(a.analyze("I love this app").risk.route.is_empty());

    let replaced = analyzer_with(
        r#"{"risk": {"flags": [{"label": "churn", "bias": -3, "cues": [{"name": "ours", "weight": 5, "patterns": ["downgrading"]}]}]}}"#,
    );
    assert!(raised(&replaced.analyze("I'm downgrading my plan").risk, "churn").is_some());
    assert!(
        raised(
            &replaced
                .analyze("I'm cancelling my subscription today")
                .risk,
            "churn"
        )
        .is_none()
    );

    let none = analyzer_with(r#"{"risk": {"replace_builtin": true}}"#);
    assert_eq!(none.risk().unwrap().flags().count(), 0);
    assert!(none.analyze("My charger caught fire").risk.flags.is_empty());
}

#[test]
fn configuration_changes_urgency() {
    let text = "Our shop opens at nine";
    let base = urgency(text);
    let added = analyzer_with(
        r#"{"risk": {"cues": [{"label": "urgency", "name": "opening", "weight": 4, "patterns": ["shop opens"]}]}}"#,
    );
    assert!(added.analyze(text).risk.urgency > base);
    let always = analyzer_with(r#"{"risk": {"urgency": {"bias": 3}}}"#);
    assert!(always.analyze("").risk.urgency > 0.9);
}

#[test]
fn configuration_mistakes_are_clear_errors() {
    for (json, says) in [
        (r#"{"risk": {"disable": ["nope"]}}"#, "nope"),
        (
            r#"{"risk": {"cues": [{"label": "nope", "name": "x", "weight": 1, "patterns": ["x"]}]}}"#,
            "nope",
        ),
        (
            r#"{"risk": {"flags": [{"label": "urgency", "cues": []}]}}"#,
            "urgency",
        ),
        (
            r#"{"risk": {"cues": [{"label": "safety", "name": "x", "weight": 1, "patterns": ["(unclosed"]}]}}"#,
            "unclosed",
        ),
    ] {
        let config = Config::from_json(json);
        let err = match config {
            Err(e) => e,
            Ok(config) => Analyzer::builder()
                .config(&config)
                .build()
                .err()
                .unwrap_or_else(|| panic!("{json}: no error")),
        };
        assert!(err.to_string().contains(says), "{json}: {err}");
    }
}

#[test]
fn risk_can_be_switched_off_and_runs_alone() {
    let text = "My charger caught fire";
    let off = Analyzer::builder().risk(false).build().unwrap();
    assert!(off.risk().is_none());
    assert_eq!(off.analyze(text).risk, Risk::default());

    let a: Analysis = earshot::analyze(text);
    let alone = RiskStage::new().assess(text, &a.sentiment, &a.categories);
    assert_eq!(alone, a.risk);
}
