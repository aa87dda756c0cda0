from directory.models.enquiries import Enquiry, EnquiryEvent, IllegalTransition
from directory.models.listings import Listing

__all__ = ["Enquiry", "EnquiryEvent", "IllegalTransition", "Listing"]
