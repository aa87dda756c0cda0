from directory.models.enquiries import Enquiry, EnquiryEvent
from directory.models.listings import Listing

__all__ = ["Enquiry", "EnquiryEvent", "Listing"]
